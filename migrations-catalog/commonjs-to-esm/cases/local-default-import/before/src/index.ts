const Logger = require('./logger');

export const log = new Logger();
