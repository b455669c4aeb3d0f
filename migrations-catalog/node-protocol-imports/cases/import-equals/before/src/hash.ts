import crypto = require('crypto');

export const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
