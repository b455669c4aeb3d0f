'use strict';
const fs = require('fs');
const { promisify } = require('util');
const inspectOptions = require('util').inspect.defaultOptions;

inspectOptions.depth = 5;
module.exports = { read: promisify(fs.readFile) };
