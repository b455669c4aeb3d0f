import { readFileSync } from 'node:fs';

export const read = (p) => readFileSync(p, 'utf8');
