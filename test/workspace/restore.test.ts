/** Files a verifier writes are put back before the diff is taken; the migration's changes stay. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uncommittedEntries, uncommittedFiles } from '../../src/workspace/commit.js';
import { resetToHead, restoreWorkingTree, snapshotWorkingTree, undoChanges } from '../../src/workspace/restore.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

function repo(name: string): string {
  const dir = path.join(env.root, name);
  mkdirSync(path.join(dir, 'src/__snapshots__'), { recursive: true });
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ncoverage/\n');
  writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(dir, 'src/__snapshots__/a.test.ts.snap'), '// Jest Snapshot v1\n');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  return dir;
}

describe('restoreWorkingTree', () => {
  it('undoes what a verifier wrote and keeps the migration change', async () => {
    const dir = repo('restore');
    writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 2;\n'); // the migration's change
    const before = await snapshotWorkingTree(dir);
    // The verifier run: rewrites a snapshot, adds one, writes coverage (ignored), and touches the changed file.
    writeFileSync(path.join(dir, 'src/__snapshots__/a.test.ts.snap'), '// Vitest Snapshot v1\n');
    writeFileSync(path.join(dir, 'src/__snapshots__/new.test.ts.snap'), 'x');
    mkdirSync(path.join(dir, 'coverage'));
    writeFileSync(path.join(dir, 'coverage/lcov.info'), 'x');
    writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 3;\n');
    const restored = await restoreWorkingTree(dir, before);
    expect(restored).toEqual(['src/__snapshots__/a.test.ts.snap', 'src/__snapshots__/new.test.ts.snap', 'src/a.ts']);
    expect(await uncommittedFiles(dir)).toEqual(['src/a.ts']);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe('export const a = 2;\n');
    expect(existsSync(path.join(dir, 'coverage/lcov.info'))).toBe(true); // ignored: not ours to touch
  });

  it('resetToHead drops tracked and untracked changes', async () => {
    const dir = repo('reset');
    writeFileSync(path.join(dir, 'src/a.ts'), 'changed\n');
    writeFileSync(path.join(dir, 'src/b.ts'), 'new\n');
    await resetToHead(dir);
    expect(await uncommittedFiles(dir)).toEqual([]);
  });

  it('undoChanges puts back exactly what status listed: edits and deletions from HEAD, new files and their new folders removed', async () => {
    const dir = repo('undo');
    writeFileSync(path.join(dir, 'src/a.ts'), 'changed\n');
    rmSync(path.join(dir, 'src/__snapshots__/a.test.ts.snap'));
    mkdirSync(path.join(dir, 'src/new/deep'), { recursive: true });
    writeFileSync(path.join(dir, 'src/new/deep/b.ts'), 'new\n');
    writeFileSync(path.join(dir, 'c.ts'), 'new\n');
    mkdirSync(path.join(dir, 'coverage'));
    writeFileSync(path.join(dir, 'coverage/lcov.info'), 'ignored\n');
    const changed = await uncommittedEntries(dir);
    expect(changed).toEqual([
      { file: 'c.ts', tracked: false },
      { file: 'src/__snapshots__/a.test.ts.snap', tracked: true },
      { file: 'src/a.ts', tracked: true },
      { file: 'src/new/deep/b.ts', tracked: false },
    ]);
    await undoChanges(dir, changed);
    expect(await uncommittedFiles(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(existsSync(path.join(dir, 'src/__snapshots__/a.test.ts.snap'))).toBe(true);
    expect(existsSync(path.join(dir, 'src/new'))).toBe(false);
    expect(existsSync(path.join(dir, 'coverage/lcov.info'))).toBe(true); // ignored: not ours to touch
  });
});
