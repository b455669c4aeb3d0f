/**
 * The one git runner: no hook, fsmonitor or filter a repository plants runs; credentials travel
 * in GIT_CONFIG_* (never argv); a clone whose .git/config or .git/hooks changed is refused.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitArgs, gitEnv } from '../../src/process/git.js';
import { protectGitDir, readBlobs, releaseGitDir, runGit } from '../../src/process/index.js';
import { commitAll } from '../../src/workspace/commit.js';
import { cloneRepository } from '../../src/workspace/clone.js';
import { git } from '../support/fixture-repo.js';

let tmp: string;
let source: string;
let canary: string;

function hostileScript(name: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, `#!/bin/sh\necho ran >> '${canary}'\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-git-'));
  canary = path.join(tmp, 'canary');
  source = path.join(tmp, 'source');
  git(tmp, 'init', '--quiet', '--initial-branch=main', source);
  writeFileSync(path.join(source, 'a.txt'), 'a\n');
  writeFileSync(path.join(source, '.gitattributes'), '*.txt filter=evil\n');
  git(source, 'add', '-A');
  git(source, 'commit', '--quiet', '-m', 'init');
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the git runner', () => {
  it('runs no hook, no fsmonitor and no filter planted in an unprotected clone', async () => {
    const { dir } = await cloneRepository({ source, dest: path.join(tmp, 'clone') });
    releaseGitDir(dir); // the protections of the runner itself, without the integrity check
    const hook = hostileScript('hook.sh');
    for (const name of ['pre-commit', 'post-commit', 'commit-msg', 'reference-transaction', 'post-index-change']) {
      writeFileSync(path.join(dir, '.git', 'hooks', name), `#!/bin/sh\nexec '${hook}'\n`);
      chmodSync(path.join(dir, '.git', 'hooks', name), 0o755);
    }
    appendFileSync(path.join(dir, '.git', 'config'), `[core]\n\tfsmonitor = ${hostileScript('fsmonitor.sh')}\n[filter "evil"]\n\tclean = ${hostileScript('clean.sh')}\n\tsmudge = ${hostileScript('smudge.sh')}\n`);
    writeFileSync(path.join(dir, 'a.txt'), 'changed\n');
    const commit = await commitAll(dir, 'change');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    await runGit(dir, ['status']);
    await runGit(dir, ['diff', 'HEAD~1']);
    await runGit(dir, ['checkout', '--quiet', 'HEAD~1', '--', 'a.txt']);
    expect(existsSync(canary)).toBe(false);
  });

  it('refuses a protected clone whose .git/config or .git/hooks changed (sandbox-violation)', async () => {
    const { dir } = await cloneRepository({ source, dest: path.join(tmp, 'clone') });
    await expect(runGit(dir, ['status'])).resolves.toMatchObject({ exitCode: 0 });
    writeFileSync(path.join(dir, '.git', 'hooks', 'post-commit'), '#!/bin/sh\ntrue\n');
    await expect(runGit(dir, ['status'])).rejects.toMatchObject({ code: 'sandbox-violation' });
    await expect(commitAll(dir, 'x')).rejects.toMatchObject({ code: 'sandbox-violation' });
    rmSync(path.join(dir, '.git', 'hooks', 'post-commit'));
    await expect(runGit(dir, ['status'])).resolves.toMatchObject({ exitCode: 0 });
    appendFileSync(path.join(dir, '.git', 'config'), '[core]\n\tpager = evil\n');
    await expect(runGit(dir, ['status'])).rejects.toMatchObject({ code: 'sandbox-violation' });
    protectGitDir(dir); // accepted as the new state: git runs again
    await expect(runGit(dir, ['status'])).resolves.toMatchObject({ exitCode: 0 });
    releaseGitDir(dir);
  });

  it('passes credentials in GIT_CONFIG_* variables, never on the command line, and drops inherited secrets', () => {
    const secret = 'http.extraHeader=Authorization: Basic c2VjcmV0';
    const env = gitEnv([secret], { PATH: '/usr/bin', GITHUB_TOKEN: 'ghp_x', GIT_DIR: '/elsewhere', GIT_SSH_COMMAND: 'evil', OPENAI_API_KEY: 'sk-x' });
    expect(env).toMatchObject({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: 'Authorization: Basic c2VjcmV0' });
    expect(env).toMatchObject({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', PATH: '/usr/bin' });
    for (const key of ['GITHUB_TOKEN', 'GIT_DIR', 'GIT_SSH_COMMAND', 'OPENAI_API_KEY']) expect(env).not.toHaveProperty(key);
    const argv = gitArgs('/repo', ['push', 'origin']).join(' ');
    expect(argv).not.toContain('c2VjcmV0');
    expect(argv).toContain('core.hooksPath=/dev/null');
    expect(argv).toContain('core.fsmonitor=false');
  });

  it('reads many files at a commit in one cat-file process: exact bytes, missing paths and folders undefined', async () => {
    const files: Record<string, string> = { 'é ü.txt': 'grüße — ✓\n', 'dir/empty.txt': '', 'dir/no-eol.ts': 'export const x = 1;', 'b.txt': 'line\n'.repeat(5000) };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
      writeFileSync(path.join(source, file), text);
    }
    git(source, 'add', '-A');
    git(source, 'commit', '--quiet', '-m', 'more');
    const commit = git(source, 'rev-parse', 'HEAD').trim();
    writeFileSync(path.join(source, 'b.txt'), 'changed after the commit\n');
    const texts = await readBlobs(source, commit, [...Object.keys(files), 'a.txt', 'missing.txt', 'dir', 'a.txt', 'new\nline.txt']);
    expect(Object.fromEntries(texts)).toEqual({ ...files, 'a.txt': 'a\n', 'missing.txt': undefined, dir: undefined });
    // The committed text, not the working tree's; no filter from .gitattributes ran.
    expect(existsSync(canary)).toBe(false);
    expect(await readBlobs(source, commit, [])).toEqual(new Map());
  });

  it('returns output as a shell would, fails with git\'s message, caps the output and stops on abort', async () => {
    // One trailing newline stripped (a shell's $(…)), unless asked to keep it.
    expect((await runGit(source, ['rev-parse', '--abbrev-ref', 'HEAD'])).stdout).toBe('main');
    expect((await runGit(source, ['rev-parse', '--abbrev-ref', 'HEAD'], { keepTrailingNewline: true })).stdout).toBe('main\n');
    // A failing call throws with git's own error; allowFail resolves with the exit code instead.
    await expect(runGit(source, ['rev-parse', '--verify', 'no-such-ref'])).rejects.toThrow(/git rev-parse exited with 128: fatal: Needed a single revision/);
    expect(await runGit(source, ['rev-parse', '--verify', '--quiet', 'no-such-ref'], { allowFail: true })).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    // Output beyond maxBuffer ends the call instead of filling memory.
    await expect(runGit(source, ['show', 'HEAD:a.txt'], { maxBuffer: 1 })).rejects.toThrow(/git did not run to its end: git stdout exceeded 1 bytes/);
    // An aborted signal kills git and ends the call as cancelled at once (not when a grandchild lets go of the pipes).
    const controller = new AbortController();
    const started = Date.now();
    const pending = runGit(source, ['-c', 'alias.pause=!sleep 5', 'pause'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

