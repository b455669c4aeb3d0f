const path = require('path');
const { readFile } = require('fs/promises');

export async function load(name) {
  return readFile(path.join(__dirname, name), 'utf8');
}
