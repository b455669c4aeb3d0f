const fsp = require('node:fs').promises;
const { readdir } = require('node:fs/promises');

module.exports = async (dir) => [await fsp.stat(dir), await readdir(dir)];
