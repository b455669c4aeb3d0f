const legacy = require('legacy');

export const stats = legacy.open();
