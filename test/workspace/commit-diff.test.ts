/** commitAll names the commit it made; diffAgainst's one git process gives what `git diff` does. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryCommit } from '../../src/workspace/commit.js';
import { commitAll, diffAgainst } from '../../src/workspace/index.js';
import { git } from '../support/fixture-repo.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-commit-diff-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function repo(files: Record<string, string | Buffer>): string {
  const dir = path.join(root, `r${n++}`);
  git(root, 'init', '--quiet', '--initial-branch=main', dir);
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  return dir;
}

describe('commitAll', () => {
  it('returns the commit it made, from its summary for a small change and from git for a large one', async () => {
    const small = repo({ 'a.txt': 'a\n' });
    writeFileSync(path.join(small, 'a.txt'), 'b\n');
    writeFileSync(path.join(small, 'new file.txt'), 'new\n');
    const made = await commitAll(small, 'change\n\nbody ] [x 0123456789012345678901234567890123456789]');
    expect(made).toBe(git(small, 'rev-parse', 'HEAD'));
    expect(git(small, 'log', '-1', '--format=%ae')).toBe('godwit@users.noreply.github.com');
    expect(git(small, 'status', '--porcelain')).toBe('');

    const large = repo(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}.txt`, `${i}\n`])));
    for (let i = 0; i < 150; i++) writeFileSync(path.join(large, `f${i}.txt`), `${i}!\n`);
    expect(await commitAll(large, 'many')).toBe(git(large, 'rev-parse', 'HEAD'));
    expect(git(large, 'diff', '--name-only', 'HEAD~1', 'HEAD').split('\n')).toHaveLength(150);

    // Nothing to commit: undefined, and no commit made.
    const head = git(large, 'rev-parse', 'HEAD');
    expect(await commitAll(large, 'nothing')).toBeUndefined();
    expect(git(large, 'rev-parse', 'HEAD')).toBe(head);
  });

  it("reads the commit from git's summary line: on a branch, a root commit, a detached HEAD", () => {
    const dir = path.join(root, `r${n++}`);
    git(root, 'init', '--quiet', '--initial-branch=main', dir);
    const commit = (message: string) => {
      writeFileSync(path.join(dir, 'a.txt'), message);
      git(dir, 'add', '--all');
      return git(dir, '-c', 'core.abbrev=no', 'commit', '-m', message);
    };
    expect(summaryCommit(commit('root [x] 0123456789012345678901234567890123456789]'))).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(summaryCommit(commit('second'))).toBe(git(dir, 'rev-parse', 'HEAD'));
    git(dir, 'checkout', '--quiet', '--detach');
    expect(summaryCommit(commit('detached'))).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(summaryCommit(git(dir, 'commit', '--allow-empty', '-m', 'abbreviated'))).toBeUndefined();
  });
});

describe('diffAgainst', () => {
  it('gives the patch of `git diff base HEAD` byte for byte, and each file with its status and line counts', async () => {
    const dir = repo({
      'keep.txt': 'a\nb\nc\nd\ne\n',
      'old-name.txt': 'line1\nline2\nline3\nline4\nline5\n',
      'b.bin': Buffer.from([0, 1, 2, 3]),
      'sp ace.txt': 'x\n',
      'ünï.txt': 'u\n',
      'tab\tname.txt': 't\n',
      'del.txt': 'gone\n',
      'mode.sh': 'echo\n',
    });
    const base = git(dir, 'rev-parse', 'HEAD');
    renameSync(path.join(dir, 'old-name.txt'), path.join(dir, 'new-name.txt'));
    writeFileSync(path.join(dir, 'new-name.txt'), 'line1\nline2\nline3\nline4\nline5\nline6\n');
    writeFileSync(path.join(dir, 'b.bin'), Buffer.from([0, 9, 9, 3]));
    writeFileSync(path.join(dir, 'sp ace.txt'), 'x\ny\n');
    writeFileSync(path.join(dir, 'ünï.txt'), 'u\nv\n');
    writeFileSync(path.join(dir, 'tab\tname.txt'), 't\nt2\n');
    rmSync(path.join(dir, 'del.txt'));
    chmodSync(path.join(dir, 'mode.sh'), 0o755);
    writeFileSync(path.join(dir, 'keep.txt'), 'a\nB\nc\nd\ne\nf\n');
    writeFileSync(path.join(dir, 'nonl.txt'), 'no newline');
    await commitAll(dir, 'change');

    const summary = await diffAgainst(dir, base);
    const expected = execFileSync('git', ['diff', '--no-color', '--no-ext-diff', base, 'HEAD', '--'], { cwd: dir, encoding: 'utf8' });
    expect(summary.diff).toBe(expected);
    expect(summary.changedFiles).toEqual([
      { path: 'b.bin', status: 'modified', additions: 0, deletions: 0 },
      { path: 'del.txt', status: 'deleted', additions: 0, deletions: 1 },
      { path: 'keep.txt', status: 'modified', additions: 2, deletions: 1 },
      { path: 'mode.sh', status: 'modified', additions: 0, deletions: 0 },
      { path: 'new-name.txt', status: 'renamed', additions: 1, deletions: 0 },
      { path: 'nonl.txt', status: 'added', additions: 1, deletions: 0 },
      { path: 'sp ace.txt', status: 'modified', additions: 1, deletions: 0 },
      { path: 'tab\tname.txt', status: 'modified', additions: 1, deletions: 0 },
      { path: 'ünï.txt', status: 'modified', additions: 1, deletions: 0 },
    ]);
    expect([summary.additions, summary.deletions]).toEqual([7, 2]);
  });

  it('is empty when nothing changed', async () => {
    const dir = repo({ 'a.txt': 'a\n' });
    expect(await diffAgainst(dir, 'HEAD')).toEqual({ diff: '', changedFiles: [], additions: 0, deletions: 0 });
  });
});
