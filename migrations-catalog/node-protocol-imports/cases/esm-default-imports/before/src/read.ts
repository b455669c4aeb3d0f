import fs from 'fs';
import path from 'path';

export const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
