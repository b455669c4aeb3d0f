/**
 * The gate's commit made while the verifiers run: taken only when it holds exactly the
 * snapshot taken before them; HEAD moves only then. Real git repositories.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uncommittedFiles } from '../../src/workspace/commit.js';
import { checkoutNewBranchByFiles } from '../../src/workspace/ref-files.js';
import { snapshotWorkingTree } from '../../src/workspace/restore.js';
import { commitAhead, matchesSnapshot, snapshotModes, takeCommit } from '../../src/workspace/speculative-commit.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

let n = 0;
function repo(files: Record<string, string> = {}): { dir: string; base: string } {
  const dir = path.join(env.root, `r${n++}`);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  const all = { 'src/a.ts': 'export const a = 1;\n', 'src/old.ts': 'export const old = 1;\n', 'src/del.ts': 'export const del = 1;\n', ...files };
  for (const [file, content] of Object.entries(all)) writeFileSync(path.join(dir, file), content);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  return { dir, base: git(dir, 'rev-parse', 'HEAD') };
}

/** The migration's change: a modification, a new file, a deletion and a rename. */
function change(dir: string): void {
  writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 2;\n');
  writeFileSync(path.join(dir, 'src/new file.ts'), 'export const b = 1;\n');
  rmSync(path.join(dir, 'src/del.ts'));
  renameSync(path.join(dir, 'src/old.ts'), path.join(dir, 'src/renamed.ts'));
}

async function snapshot(dir: string) {
  const before = await snapshotWorkingTree(dir, await uncommittedFiles(dir));
  return { before, modes: snapshotModes(dir, before) };
}

describe('commitAhead', () => {
  it('commits the snapshot without moving HEAD; takeCommit then moves the branch, leaving a clean status', async () => {
    const { dir, base } = repo();
    expect(checkoutNewBranchByFiles(dir, 'godwit/test', base)).toBe(true);
    expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/godwit/test');
    change(dir);
    const { before, modes } = await snapshot(dir);
    const spec = await commitAhead(dir, base, 'Title  \n\n\n\nBody line ');
    expect(spec).toBeDefined();
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(base);
    expect(matchesSnapshot(spec!, before, modes)).toBe(true);
    expect(spec!.summary.changedFiles.map((f) => `${f.status} ${f.path}`)).toEqual(['modified src/a.ts', 'deleted src/del.ts', 'added src/new file.ts', 'renamed src/renamed.ts']);

    await takeCommit(dir, base, spec!.commit);
    expect(git(dir, 'rev-parse', 'godwit/test')).toBe(spec!.commit);
    expect(git(dir, 'rev-parse', 'HEAD~1')).toBe(base);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(dir, 'log', '-1', '--format=%an <%ae>%n%B')).toBe('godwit <godwit@users.noreply.github.com>\nTitle\n\nBody line');
    expect(spec!.summary.diff).toBe(git(dir, 'diff', '--no-color', base, 'HEAD', '--') + '\n');
  });

  it('is not taken when a verifier wrote anything while it was made', async () => {
    const cases: Record<string, (dir: string) => void> = {
      'a new file': (dir) => writeFileSync(path.join(dir, 'src/snapshot.snap'), 'x'),
      'a changed file rewritten': (dir) => writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 3;\n'),
      'a changed file put back to its base bytes': (dir) => writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 1;\n'),
      'a deleted file back': (dir) => writeFileSync(path.join(dir, 'src/del.ts'), 'export const del = 1;\n'),
      'a file made executable': (dir) => chmodSync(path.join(dir, 'src/a.ts'), 0o755),
      'an untouched file rewritten': (dir) => writeFileSync(path.join(dir, 'src/renamed.ts'), 'export const old = 2;\n'),
    };
    for (const [name, write] of Object.entries(cases)) {
      const { dir, base } = repo();
      change(dir);
      const { before, modes } = await snapshot(dir);
      write(dir);
      const spec = await commitAhead(dir, base, 'm');
      expect(spec, name).toBeDefined();
      expect(matchesSnapshot(spec!, before, modes), name).toBe(false);
      expect(git(dir, 'rev-parse', 'HEAD'), name).toBe(base);
    }
  });

  it('is not taken when git stores other bytes than the working tree holds (an eol attribute)', async () => {
    const { dir, base } = repo({ '.gitattributes': '*.txt text eol=crlf\n', 'notes.txt': 'one\r\n' });
    writeFileSync(path.join(dir, 'notes.txt'), 'one\r\ntwo\r\n');
    const { before, modes } = await snapshot(dir);
    const spec = await commitAhead(dir, base, 'm');
    expect(matchesSnapshot(spec!, before, modes)).toBe(false);
  });

  it('makes none when HEAD is not the base commit (a PR branch with commits of its own)', async () => {
    const { dir, base } = repo();
    writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 5;\n');
    git(dir, 'commit', '--quiet', '-am', 'on the branch');
    writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 6;\n');
    expect(await commitAhead(dir, base, 'm')).toBeUndefined();
  });

  it('moves a packed branch through git', async () => {
    const { dir, base } = repo();
    change(dir);
    const spec = await commitAhead(dir, base, 'm');
    git(dir, 'pack-refs', '--all');
    expect(existsSync(path.join(dir, '.git/refs/heads/main'))).toBe(false);
    await takeCommit(dir, base, spec!.commit);
    expect(git(dir, 'rev-parse', 'main')).toBe(spec!.commit);
  });
});

describe('checkoutNewBranchByFiles', () => {
  it('does nothing (false) unless HEAD is at the commit and the refs are plain files', () => {
    const { dir, base } = repo();
    expect(checkoutNewBranchByFiles(dir, 'godwit/x', '0'.repeat(40))).toBe(false);
    writeFileSync(path.join(dir, '.git/refs/heads/held.lock'), '');
    expect(checkoutNewBranchByFiles(dir, 'held', base)).toBe(false);
    writeFileSync(path.join(dir, '.git/refs/heads/godwit'), `${base}\n`);
    expect(checkoutNewBranchByFiles(dir, 'godwit/y', base)).toBe(false);
    expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(checkoutNewBranchByFiles(dir, 'other', base)).toBe(true);
    expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/other');
    expect(git(dir, 'rev-parse', 'other')).toBe(base);
  });
});
