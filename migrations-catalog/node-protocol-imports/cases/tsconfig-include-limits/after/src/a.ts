import fs from 'node:fs';

export const exists = (p: string) => fs.existsSync(p);
