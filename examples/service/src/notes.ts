import { readFile, readdir } from 'fs/promises';
import path from 'path';

/** Notes are the .txt files of one folder. */
export class NoteStore {
  constructor(private readonly dir: string) {}

  async list(): Promise<string[]> {
    const entries = await readdir(this.dir);
    return entries.filter((e) => e.endsWith('.txt')).map((e) => path.basename(e, '.txt')).sort();
  }

  async read(name: string): Promise<string | undefined> {
    if (!/^[\w-]+$/.test(name)) return undefined;
    try {
      return await readFile(path.join(this.dir, `${name}.txt`), 'utf8');
    } catch {
      return undefined;
    }
  }
}
