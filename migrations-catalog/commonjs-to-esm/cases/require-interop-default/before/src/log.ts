const debug = require('debug');

export const log = debug('app');
