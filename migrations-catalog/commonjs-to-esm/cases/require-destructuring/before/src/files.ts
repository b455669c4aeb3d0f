const { readFile, writeFile: write } = require('fs/promises');

export async function copy(from: string, to: string): Promise<void> {
  await write(to, await readFile(from));
}
