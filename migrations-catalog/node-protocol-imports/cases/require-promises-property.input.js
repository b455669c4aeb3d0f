const fsp = require('fs').promises;
const { readdir } = require('fs/promises');

module.exports = async (dir) => [await fsp.stat(dir), await readdir(dir)];
