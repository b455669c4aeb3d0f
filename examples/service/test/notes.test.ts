import fs from 'fs';
import os from 'os';
import path from 'path';
import { NoteStore } from '../src/notes';

describe('NoteStore', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-'));
    fs.writeFileSync(path.join(dir, 'b.txt'), 'bee');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'ay');
    fs.writeFileSync(path.join(dir, 'skip.md'), 'no');
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists .txt notes in order', async () => {
    await expect(new NoteStore(dir).list()).resolves.toEqual(['a', 'b']);
  });

  it('reads a note and refuses paths', async () => {
    const store = new NoteStore(dir);
    expect(await store.read('a')).toBe('ay');
    expect(await store.read('../etc/passwd')).toBeUndefined();
  });
});
