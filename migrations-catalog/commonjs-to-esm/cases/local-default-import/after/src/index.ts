import Logger from './logger';

export const log = new Logger();
