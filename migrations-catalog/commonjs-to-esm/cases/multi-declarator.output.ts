import * as path from 'path';
import * as fs from 'fs';

export const read = (p: string) => fs.readFileSync(path.resolve(p), 'utf8');
