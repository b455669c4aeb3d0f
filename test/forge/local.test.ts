/** The local forge: branches pushed into the source repository, PR records as JSON. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalForge } from '../../src/forge/local.js';
import { forgeFor } from '../../src/forge/index.js';
import { parseRepoRef } from '../../src/forge/repo-ref.js';
import type { PublishRequest, RepoInfo } from '../../src/forge/types.js';
import { cloneRepository, commitAll, createBranch, createRunFolder } from '../../src/workspace/index.js';
import { createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
let source: string;
let forge: LocalForge;
let repo: RepoInfo;

beforeAll(async () => {
  env = createTestEnv();
  source = writeFixtureRepo(path.join(env.root, 'source'), { builtinImports: false, eslint: false, files: { 'a.txt': 'one\n' } });
  forge = new LocalForge({ workdir: env.workdir });
  repo = await forge.resolveRepo(parseRepoRef(source));
});
afterAll(() => env.cleanup());

let n = 0;
/** A workspace with `content` committed on `branch` by godwit. */
async function workspaceWith(content: string, branch = 'godwit/x'): Promise<string> {
  const folder = createRunFolder(env.workdir, `ws-${n++}`);
  const { dir } = await cloneRepository({ source, dest: folder.repoDir });
  await createBranch(dir, branch);
  writeFileSync(path.join(dir, 'a.txt'), content);
  await commitAll(dir, 'change');
  return dir;
}

function request(workspaceDir: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { repo, workspaceDir, branch: 'godwit/x', base: 'main', title: 'T', body: 'B', labels: ['godwit'], draft: false, reopen: false, ...extra };
}

function record(url: string): { state: string; number: number; body: string; diff: string } {
  return JSON.parse(readFileSync(new URL(url), 'utf8')) as { state: string; number: number; body: string; diff: string };
}

describe('LocalForge', () => {
  it('resolves the default branch; forgeFor picks local for paths and file:// URLs', () => {
    expect(repo.defaultBranch).toBe('main');
    expect(repo.cloneUrl).toBe(source);
    expect(forgeFor(parseRepoRef(source), env.config).kind).toBe('local');
    expect(forgeFor(parseRepoRef(`file://${source}`), env.config).kind).toBe('local');
  });

  it("resolves the source's checked-out branch, in a linked worktree too; a detached HEAD means main", async () => {
    const other = path.join(env.root, 'resolve-worktree');
    git(source, 'worktree', 'add', '--quiet', '-b', 'feature/resolve', other);
    git(source, 'checkout', '--quiet', '-b', 'develop');
    try {
      expect((await forge.resolveRepo(parseRepoRef(source))).defaultBranch).toBe('develop');
      expect((await forge.resolveRepo(parseRepoRef(other))).defaultBranch).toBe('feature/resolve');
      git(source, 'checkout', '--quiet', '--detach');
      expect((await forge.resolveRepo(parseRepoRef(source))).defaultBranch).toBe('main');
    } finally {
      git(source, 'checkout', '--quiet', 'main');
      git(source, 'branch', '--quiet', '-D', 'develop');
      git(source, 'worktree', 'remove', '--force', other);
    }
  });

  it('creates, keeps unchanged, updates (force over godwit commits), and stops at a human commit', async () => {
    const statusBefore = git(source, 'status', '--porcelain');
    const first = await forge.openOrUpdatePullRequest(request(await workspaceWith('two\n')));
    expect(first).toMatchObject({ action: 'created', branch: 'godwit/x', number: 1, state: 'open' });
    expect(git(source, 'show', 'godwit/x:a.txt')).toBe('two');
    expect(record(first.url!).diff).toContain('+two');
    expect(git(source, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(source, 'status', '--porcelain')).toBe(statusBefore);
    expect(await forge.findPullRequest(repo, 'godwit/x')).toMatchObject({ number: 1, state: 'open' });
    expect(await forge.getPullRequestState(repo, 1)).toMatchObject({ checks: 'none', branch: 'godwit/x' });

    // Same content again (a new commit with the same tree): nothing pushed, nothing changed.
    const headBefore = git(source, 'rev-parse', 'godwit/x');
    const same = await forge.openOrUpdatePullRequest(request(await workspaceWith('two\n')));
    expect(same.action).toBe('unchanged');
    expect(git(source, 'rev-parse', 'godwit/x')).toBe(headBefore);

    // New content: godwit's own branch is force-updated.
    const updated = await forge.openOrUpdatePullRequest(request(await workspaceWith('three\n'), { body: 'B2' }));
    expect(updated).toMatchObject({ action: 'updated', number: 1 });
    expect(git(source, 'show', 'godwit/x:a.txt')).toBe('three');
    expect(git(source, 'rev-list', '--count', 'main..godwit/x')).toBe('1');
    expect(record(updated.url!).body).toBe('B2');

    // A human commits on the branch: godwit does not overwrite it.
    git(source, 'checkout', '--quiet', 'godwit/x');
    writeFileSync(path.join(source, 'a.txt'), 'human\n');
    git(source, 'commit', '--quiet', '-am', 'human fix');
    git(source, 'checkout', '--quiet', 'main');
    const human = await forge.openOrUpdatePullRequest(request(await workspaceWith('four\n')));
    expect(human.action).toBe('edited-by-human');
    expect(git(source, 'show', 'godwit/x:a.txt')).toBe('human');
  });

  it('a branch read ahead (while the verifiers ran) and moved since is judged again as it is now', async () => {
    const branch = 'godwit/ahead';
    forge.readAhead(repo, branch); // the branch does not exist yet
    await new Promise((r) => setTimeout(r, 200));
    // Meanwhile a human creates it.
    git(source, 'branch', branch, 'main');
    git(source, 'checkout', '--quiet', branch);
    writeFileSync(path.join(source, 'a.txt'), 'human ahead\n');
    git(source, 'commit', '--quiet', '-am', 'human, meanwhile');
    git(source, 'checkout', '--quiet', 'main');
    const human = await forge.openOrUpdatePullRequest(request(await workspaceWith('godwit ahead\n', branch), { branch }));
    expect(human.action).toBe('edited-by-human');
    expect(git(source, 'show', `${branch}:a.txt`)).toBe('human ahead');

    // Read ahead and unchanged since: pushed as usual.
    const other = 'godwit/ahead-2';
    forge.readAhead(repo, other);
    const created = await forge.openOrUpdatePullRequest(request(await workspaceWith('godwit two\n', other), { branch: other }));
    expect(created.action).toBe('created');
    expect(git(source, 'show', `${other}:a.txt`)).toBe('godwit two');
  });

  it('with the change read ahead, its objects are fetched while the verifiers run and publishing moves the branch with one update-ref', async () => {
    const branch = 'godwit/fetched';
    const ws = await workspaceWith('fetched\n', branch);
    const commit = git(ws, 'rev-parse', 'HEAD');
    forge.readAhead(repo, branch, { workspaceDir: ws, commit: Promise.resolve(commit) });
    const created = await forge.openOrUpdatePullRequest(request(ws, { branch, commit }));
    expect(created.action).toBe('created');
    expect(git(source, 'rev-parse', branch)).toBe(commit);
    expect(git(source, 'log', '-g', '-1', '--format=%gs', `refs/heads/${branch}`)).toBe('godwit: publish');
    expect(record(created.url!).diff).toContain('+fetched');

    // Fetched, but meanwhile a human committed on the branch: the lease fails, the branch is judged again.
    const next = await workspaceWith('fetched again\n', branch);
    const nextCommit = git(next, 'rev-parse', 'HEAD');
    forge.readAhead(repo, branch, { workspaceDir: next, commit: Promise.resolve(nextCommit) });
    await new Promise((r) => setTimeout(r, 300));
    git(source, 'checkout', '--quiet', branch);
    writeFileSync(path.join(source, 'a.txt'), 'human after fetch\n');
    git(source, 'commit', '--quiet', '-am', 'human, meanwhile');
    git(source, 'checkout', '--quiet', 'main');
    const human = await forge.openOrUpdatePullRequest(request(next, { branch, commit: nextCommit }));
    expect(human.action).toBe('edited-by-human');
    expect(git(source, 'show', `${branch}:a.txt`)).toBe('human after fetch');
  });

  it('with the change read ahead, a branch checked out meanwhile in a linked worktree is still never moved', async () => {
    const branch = 'godwit/fetched-checked-out';
    await forge.openOrUpdatePullRequest(request(await workspaceWith('x\n', branch), { branch }));
    const ws = await workspaceWith('y\n', branch);
    const commit = git(ws, 'rev-parse', 'HEAD');
    forge.readAhead(repo, branch, { workspaceDir: ws, commit: Promise.resolve(commit) });
    await new Promise((r) => setTimeout(r, 300));
    // Checked out after it was read (still at the commit read: the lease alone would not stop it).
    const linked = path.join(env.root, 'linked-fetched');
    git(source, 'worktree', 'add', '--quiet', linked, branch);
    try {
      const before = git(source, 'rev-parse', branch);
      await expect(forge.openOrUpdatePullRequest(request(ws, { branch, commit }))).rejects.toMatchObject({ code: 'push-failed' });
      expect(git(source, 'rev-parse', branch)).toBe(before);
    } finally {
      git(source, 'worktree', 'remove', '--force', linked);
    }
  });

  it('never pushes onto the checked-out branch', async () => {
    const ws = await workspaceWith('five\n', 'godwit/checked-out');
    git(source, 'checkout', '--quiet', '-b', 'godwit/checked-out');
    try {
      await expect(forge.pushBranch(request(ws, { branch: 'godwit/checked-out' }))).rejects.toMatchObject({ code: 'push-failed' });
    } finally {
      git(source, 'checkout', '--quiet', 'main');
    }
  });

  it('never pushes onto a branch checked out in a linked worktree of the source either', async () => {
    const ws = await workspaceWith('worktree\n', 'godwit/in-worktree');
    const other = path.join(env.root, 'source-worktree');
    git(source, 'worktree', 'add', '--quiet', '-b', 'godwit/in-worktree', other);
    try {
      const error = await forge.pushBranch(request(ws, { branch: 'godwit/in-worktree' })).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'push-failed' });
      expect((error as Error).message).toContain(other);
      expect(git(source, 'rev-parse', 'godwit/in-worktree')).toBe(git(source, 'rev-parse', 'main'));
    } finally {
      git(source, 'worktree', 'remove', '--force', other);
    }
  });

  it("never creates the source's unborn current branch, even where its configuration would allow that", async () => {
    const ws = await workspaceWith('unborn\n', 'godwit/unborn');
    git(source, 'config', 'receive.denyCurrentBranch', 'ignore');
    git(source, 'symbolic-ref', 'HEAD', 'refs/heads/godwit/unborn');
    try {
      await expect(forge.pushBranch(request(ws, { branch: 'godwit/unborn' }))).rejects.toMatchObject({ code: 'push-failed' });
      expect(git(source, 'for-each-ref', 'refs/heads/godwit/unborn')).toBe('');
    } finally {
      git(source, 'symbolic-ref', 'HEAD', 'refs/heads/main');
      git(source, 'config', '--unset', 'receive.denyCurrentBranch');
    }
  });

  it("publishes the caller's commit with the caller's diff (the gate's), not asking git again", async () => {
    const ws = await workspaceWith('eight\n', 'godwit/known');
    const commit = git(ws, 'rev-parse', 'HEAD');
    // The workspace moves on after the gate: the gate's commit is what gets published.
    writeFileSync(path.join(ws, 'a.txt'), 'later\n');
    await commitAll(ws, 'later');
    const diff = git(ws, 'diff', 'main', commit);
    const pr = await forge.openOrUpdatePullRequest(request(ws, { branch: 'godwit/known', commit, diff }));
    expect(pr).toMatchObject({ action: 'created', commit });
    expect(git(source, 'rev-parse', 'godwit/known')).toBe(commit);
    expect(record(pr.url!).diff).toBe(diff);
  });

  it('respects closed and merged records; --reopen reopens; drafts are recorded as drafts', async () => {
    const ws = await workspaceWith('six\n', 'godwit/y');
    const created = await forge.openOrUpdatePullRequest(request(ws, { branch: 'godwit/y', draft: true }));
    expect(created).toMatchObject({ action: 'created', state: 'draft' });
    const file = forge.recordFile(repo, 'godwit/y');
    const closeAs = (state: string): void => writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), state }));
    closeAs('closed');
    expect((await forge.openOrUpdatePullRequest(request(ws, { branch: 'godwit/y' }))).action).toBe('closed');
    const reopened = await forge.openOrUpdatePullRequest(request(await workspaceWith('seven\n', 'godwit/y'), { branch: 'godwit/y', reopen: true }));
    expect(reopened).toMatchObject({ action: 'reopened', state: 'open' });
    closeAs('merged');
    expect((await forge.openOrUpdatePullRequest(request(ws, { branch: 'godwit/y' }))).action).toBe('already-merged');
  });
});
