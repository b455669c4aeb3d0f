'use strict';
const fs = require('node:fs');
const { promisify } = require('node:util');
const inspectOptions = require('node:util').inspect.defaultOptions;

inspectOptions.depth = 5;
module.exports = { read: promisify(fs.readFile) };
