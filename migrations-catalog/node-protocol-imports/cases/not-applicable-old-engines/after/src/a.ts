import fs from 'fs';

export const a = fs.existsSync('.');
