const { level = 'info', ...rest } = require('./settings');

export const settings = { level, rest };
