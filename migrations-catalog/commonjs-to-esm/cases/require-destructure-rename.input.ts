const { join, resolve: resolvePath } = require('path');

export const abs = (p: string) => resolvePath(join('.', p));
