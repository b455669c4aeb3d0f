import { readFile, writeFile as write } from 'fs/promises';

export async function copy(from: string, to: string): Promise<void> {
  await write(to, await readFile(from));
}
