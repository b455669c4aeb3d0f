const { double } = require('./util');
const os = require('os');

export const cores = double(os.cpus().length);
