const { readFileSync } = require('fs');

export function readPeer(name) {
  return readFileSync(require.resolve(`${name}/package.json`), 'utf8');
}
