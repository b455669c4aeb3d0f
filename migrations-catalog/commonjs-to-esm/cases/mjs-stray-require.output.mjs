import path from 'path';
import { readFile } from 'fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const __dirname = dirname(fileURLToPath(import.meta.url));

export async function load(name) {
  return readFile(path.join(__dirname, name), 'utf8');
}
