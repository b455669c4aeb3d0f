import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const tmp = (name: string) => join(tmpdir(), name);
