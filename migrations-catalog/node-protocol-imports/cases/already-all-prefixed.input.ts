import fs from 'node:fs';
import { join } from 'node:path';

export const read = (p: string) => fs.readFileSync(join('.', p));
