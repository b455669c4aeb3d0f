import * as path from 'path';

export const templates = path.join(__dirname, 'templates');
export const self = __filename;
