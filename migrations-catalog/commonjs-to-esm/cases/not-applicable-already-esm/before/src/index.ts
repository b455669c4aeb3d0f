import { join } from 'path';

export const where = join('a', 'b');
