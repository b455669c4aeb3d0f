const path = require('path'), fs = require('fs');

export const read = (p: string) => fs.readFileSync(path.resolve(p), 'utf8');
