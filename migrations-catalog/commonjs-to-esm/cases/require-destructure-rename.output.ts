import { join, resolve as resolvePath } from 'path';

export const abs = (p: string) => resolvePath(join('.', p));
