const where = require.resolve('fs');
const process = require('node:process');

module.exports = { where, cwd: process.cwd() };
