import * as fs from 'fs';
import * as path from 'path';

export function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}
