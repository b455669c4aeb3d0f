import { join } from 'node:path';
import { tmpdir } from 'os';

export const tmp = (name: string) => join(tmpdir(), name);
