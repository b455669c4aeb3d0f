import { readFile, writeFile } from 'fs/promises';

export async function copy(from: string, to: string): Promise<void> {
  await writeFile(to, await readFile(from));
}
