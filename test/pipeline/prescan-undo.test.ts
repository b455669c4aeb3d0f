/**
 * The pre-scan's trial run undone without git where that is provably the same (in-place rewrites
 * of files whose originals it kept), and with git otherwise; the workspace stamp under it.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrialOriginals, undoTrial } from '../../src/pipeline/prescan-undo.js';
import { changedSince, stampWorkspace } from '../../src/pipeline/workspace-stamp.js';
import { uncommittedFiles } from '../../src/workspace/commit.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

/** Every file an hour old, as in a clone made a while ago (a file as new as the stamp is not trusted). */
function age(dir: string): void {
  const old = Date.now() / 1000 - 3600;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = path.join(entry.parentPath, entry.name);
    if (!abs.includes(`${path.sep}.git`) && entry.isFile()) utimesSync(abs, old, old);
  }
}

/** A committed repository, cloned as a run clones it. */
function clone(name: string, files: Record<string, string> = {}): string {
  const origin = path.join(env.root, `${name}-origin`);
  const all = { 'package.json': '{\n  "name": "x"\n}\n', 'src/a.ts': "import fs from 'fs';\n", 'src/b.ts': 'export const b = 1;\n', ...files };
  for (const [file, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(origin, file)), { recursive: true });
    writeFileSync(path.join(origin, file), content);
  }
  git(origin, 'init', '--quiet', '--initial-branch=main');
  git(origin, 'add', '--all');
  git(origin, 'commit', '--quiet', '-m', 'initial');
  const dir = path.join(env.root, name);
  git(env.root, 'clone', '--quiet', origin, dir);
  age(dir);
  return dir;
}

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

describe('workspace stamp', () => {
  it('sees files created, deleted and rewritten with the same size; not a folder whose file came and went', () => {
    const dir = clone('stamp');
    const stamp = stampWorkspace(dir)!;
    expect(stamp).toBeDefined();
    writeFileSync(path.join(dir, 'src/tmp.ts'), 'x');
    rmSync(path.join(dir, 'src/tmp.ts'));
    expect(changedSince(stamp)).toEqual([]);
    writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 2;\n'); // same size
    writeFileSync(path.join(dir, 'new.txt'), 'x');
    rmSync(path.join(dir, 'src/a.ts'));
    expect(changedSince(stamp)).toEqual(['new.txt', 'src/a.ts', 'src/b.ts']);
    expect(changedSince(stamp, 1)).toHaveLength(1);
  });

  it('is not made when a file is as new as the stamp, or there is no .git folder', () => {
    const dir = clone('racy');
    const soon = Date.now() / 1000 + 60;
    utimesSync(path.join(dir, 'src/b.ts'), soon, soon);
    expect(stampWorkspace(dir)).toBeUndefined();
    const plain = path.join(env.root, 'plain');
    mkdirSync(plain);
    writeFileSync(path.join(plain, 'a.ts'), 'x');
    age(plain);
    expect(stampWorkspace(plain)).toBeUndefined();
  });
});

describe('undoTrial', () => {
  it('in-place rewrites of kept files: listed as git lists them, put back without git, bytes and times', async () => {
    const dir = clone('known');
    const stamp = stampWorkspace(dir)!;
    const mtime = Math.floor(lstatSync(path.join(dir, 'src/a.ts')).mtimeMs);
    const originals = new TrialOriginals(dir);
    for (const f of ['package.json', 'src/a.ts', 'src/b.ts']) originals.keep(path.join(dir, f));
    writeFileSync(path.join(dir, 'src/a.ts'), "import fs from 'node:fs';\n");
    writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 1;\n'); // rewritten, same bytes
    const gitSees = await uncommittedFiles(dir);
    const undone = await undoTrial(dir, stamp, originals, true);
    expect(undone.changedFiles).toEqual(gitSees);
    expect(undone.changedFiles).toEqual(['src/a.ts']);
    expect(undone.writes?.get('src/a.ts')?.toString()).toBe("import fs from 'node:fs';\n");
    expect(read(dir, 'src/a.ts')).toBe("import fs from 'fs';\n");
    expect(Math.floor(lstatSync(path.join(dir, 'src/a.ts')).mtimeMs)).toBe(mtime);
    expect(changedSince(stamp)).toEqual([]);
    expect(await uncommittedFiles(dir)).toEqual([]);
  });

  it('a file the codemod wrote itself, a new file or a .gitattributes: git lists and undoes them, nothing to replay', async () => {
    for (const [name, files, act] of [
      ['direct', {}, (dir: string) => writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 3;\n')],
      ['created', {}, (dir: string) => writeFileSync(path.join(dir, 'src/c.ts'), 'export const c = 1;\n')],
      ['attributes', { '.gitattributes': '*.ts text eol=lf\n' }, (dir: string) => writeFileSync(path.join(dir, 'src/a.ts'), "import fs from 'node:fs';\n")],
    ] as const) {
      const dir = clone(name, files);
      const stamp = stampWorkspace(dir)!;
      const originals = new TrialOriginals(dir);
      originals.keep(path.join(dir, 'src/a.ts'));
      act(dir);
      const gitSees = await uncommittedFiles(dir);
      const undone = await undoTrial(dir, stamp, originals, true);
      expect(undone.writes, name).toBeUndefined();
      expect(undone.changedFiles, name).toEqual(gitSees);
      expect(undone.changedFiles.length, name).toBe(1);
      expect(await uncommittedFiles(dir), name).toEqual([]);
    }
  });

  it('a failed run is put back too: without git when only kept files changed', async () => {
    const dir = clone('failed');
    const stamp = stampWorkspace(dir)!;
    const originals = new TrialOriginals(dir);
    originals.keep(path.join(dir, 'package.json'));
    writeFileSync(path.join(dir, 'package.json'), '{\n  "name": "y"\n}\n');
    expect(await undoTrial(dir, stamp, originals, false)).toMatchObject({ changedFiles: ['package.json'] });
    expect(read(dir, 'package.json')).toBe('{\n  "name": "x"\n}\n');
    writeFileSync(path.join(dir, 'src/new.ts'), 'x');
    expect(await undoTrial(dir, stamp, originals, false)).toEqual({ changedFiles: [] });
    expect(await uncommittedFiles(dir)).toEqual([]);
  });
});
