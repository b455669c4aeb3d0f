const where = require.resolve('fs');
const process = require('process');

module.exports = { where, cwd: process.cwd() };
