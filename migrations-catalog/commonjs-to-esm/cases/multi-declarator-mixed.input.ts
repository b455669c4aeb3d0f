const fs = require('fs'), retries = 3;

export const read = (p: string) => (retries > 0 ? fs.readFileSync(p, 'utf8') : '');
