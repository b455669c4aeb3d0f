import { readFileSync } from 'fs';

export const read = (p: string): string => readFileSync(p, 'utf8');
