const path = require('path');

export const templates = path.join(__dirname, 'templates');
export const self = __filename;
