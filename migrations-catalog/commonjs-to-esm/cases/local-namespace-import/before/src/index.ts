const util = require('./util');

export const four = util.double(2);
