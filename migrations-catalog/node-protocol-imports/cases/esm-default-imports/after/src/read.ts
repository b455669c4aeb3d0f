import fs from 'node:fs';
import path from 'node:path';

export const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
