import { readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';

export async function roundTrip(file: string): Promise<string> {
  await writeFile(file, os.hostname());
  return readFile(file, 'utf8');
}
