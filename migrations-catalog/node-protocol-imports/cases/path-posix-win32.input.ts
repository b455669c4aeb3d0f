import { join } from 'path/posix';
import * as win32 from 'path/win32';

export const both = (a: string, b: string) => [join(a, b), win32.join(a, b)];
