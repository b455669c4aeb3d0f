require('dotenv/config');
require('./polyfills');

export const ready = true;
