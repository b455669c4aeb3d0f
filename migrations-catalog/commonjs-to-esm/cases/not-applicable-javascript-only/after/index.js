const path = require('path');

module.exports = { where: path.join('a', 'b') };
