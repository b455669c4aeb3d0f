const join = require('path').join;
const resolvePath = require('path').resolve;

export const full = (a: string, b: string) => resolvePath(join(a, b));
