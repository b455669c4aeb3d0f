import { readFileSync } from 'fs';

export function readPeer(name) {
  return readFileSync(require.resolve(`${name}/package.json`), 'utf8');
}
