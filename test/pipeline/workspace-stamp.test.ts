/** The stat listing that tells what was written without git: change time, node_modules, size cap, a racy clock. */
import { mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedSince, stampWorkspace, stampWorkspaceSettled } from '../../src/pipeline/workspace-stamp.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

let n = 0;
function repo(): string {
  const dir = path.join(env.root, `s${n++}`);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules/pkg'), { recursive: true });
  writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(dir, 'node_modules/pkg/index.js'), 'x');
  git(dir, 'init', '--quiet');
  return dir;
}

describe('workspace stamp', () => {
  it('sees a file written in place with its size and mtime set back only by its change time', async () => {
    const dir = repo();
    await new Promise((r) => setTimeout(r, 20));
    const stamp = stampWorkspace(dir)!;
    expect(stamp).toBeDefined();
    const file = path.join(dir, 'src/a.ts');
    const { atimeMs, mtimeMs } = statSync(file);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(file, 'export const a = 2;\n');
    utimesSync(file, atimeMs / 1000, (Math.floor(mtimeMs) + 0.5) / 1000); // as putBackFiles does: the same whole millisecond
    expect(changedSince(stamp)).toEqual([]);
    expect(changedSince(stamp, Infinity, { ctime: true })).toEqual(['src/a.ts']);
  });

  it('leaves node_modules out when asked, and gives up beyond maxEntries', async () => {
    const dir = repo();
    await new Promise((r) => setTimeout(r, 20));
    expect(stampWorkspace(dir, { maxEntries: 4 })).toBeUndefined(); // src, src/a.ts and node_modules/pkg/index.js with its folders
    expect(stampWorkspace(dir, { maxEntries: 5 })).toBeDefined();
    const stamp = stampWorkspace(dir, { skipNodeModules: true, maxEntries: 2 })!;
    expect([...stamp.entries.keys()].sort()).toEqual(['src', 'src/a.ts']);
    writeFileSync(path.join(dir, 'node_modules/pkg/index.js'), 'changed');
    expect(changedSince(stamp, Infinity, { ctime: true })).toEqual([]);
  });

  it('waits out a file as new as the listing instead of giving up', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 1;\n');
    const stamp = await stampWorkspaceSettled(dir);
    expect(stamp?.entries.has('src/b.ts')).toBe(true);
  });
});
