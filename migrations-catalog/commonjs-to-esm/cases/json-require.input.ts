const pkg = require('./package.json');

export const version: string = pkg.version;
