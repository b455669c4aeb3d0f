const path = require('path');

export const assets = path.join(__dirname, '..', 'assets');
