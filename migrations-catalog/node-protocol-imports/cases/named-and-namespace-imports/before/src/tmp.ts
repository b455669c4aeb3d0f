import { readFile, writeFile } from 'fs/promises';
import * as os from 'os';

export async function roundTrip(file: string): Promise<string> {
  await writeFile(file, os.hostname());
  return readFile(file, 'utf8');
}
