import { readFileSync } from 'fs';

export const read = (p) => readFileSync(p, 'utf8');
