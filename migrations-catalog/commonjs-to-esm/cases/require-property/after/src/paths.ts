import { join } from 'path';
import { resolve as resolvePath } from 'path';

export const full = (a: string, b: string) => resolvePath(join(a, b));
