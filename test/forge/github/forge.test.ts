import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GodwitError } from '../../../src/errors.js';
import { GithubForge } from '../../../src/forge/github/forge.js';
import { configEntriesToEnv } from '../../../src/process/index.js';
import { parseRepoRef } from '../../../src/forge/repo-ref.js';
import type { PublishRequest, RepoInfo } from '../../../src/forge/types.js';
import { FakeGithub, secondaryRateLimit } from '../../support/fake-github/server.js';
import { FAST, PLANTED_TOKEN, git, godwitWorkspace } from './helpers.js';

let fake: FakeGithub;
let forge: GithubForge;
const cleanup: string[] = [];
const warnings: string[] = [];

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  forge = new GithubForge(
    { github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl } },
    { clientOptions: { ...FAST, onWarn: (m) => warnings.push(m) } },
  );
});

afterEach(() => {
  // Every response the fake sent in this test matches GitHub's OpenAPI description.
  const violations = fake.violations;
  fake.checks.length = 0;
  expect(violations).toEqual([]);
});

afterAll(async () => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  await fake.stop();
});

async function resolve(full: string): Promise<RepoInfo> {
  return forge.resolveRepo(parseRepoRef(full, { githubApiUrl: fake.apiUrl }));
}

function request(repo: RepoInfo, workspaceDir: string, over: Partial<PublishRequest> = {}): PublishRequest {
  return {
    repo,
    workspaceDir,
    branch: 'godwit/demo',
    base: repo.defaultBranch,
    title: 'Migrate demo',
    body: 'first body',
    labels: ['godwit', 'migration'],
    draft: false,
    reopen: false,
    ...over,
  };
}

function workspace(repo: RepoInfo, change: Record<string, string>, branch = 'godwit/demo'): string {
  const dir = godwitWorkspace(repo.cloneUrl, branch, forge.gitAuth(repo), change);
  cleanup.push(dir);
  return dir;
}

describe('GithubForge.resolveRepo', () => {
  it('takes default branch, archived, fork and clone_url from the API', async () => {
    const seeded = fake.addRepo({ owner: 'octo', name: 'meta', defaultBranch: 'trunk', archived: true, fork: true });
    const repo = await resolve('octo/meta');
    expect(repo).toMatchObject({ forge: 'github', name: 'octo/meta', defaultBranch: 'trunk', archived: true, fork: true, cloneUrl: seeded.barePath });
  });

  it('reports an unknown repository as repo-not-found naming it', async () => {
    const error = await resolve('octo/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    expect((error as GodwitError).code).toBe('repo-not-found');
    expect((error as GodwitError).message).toContain('octo/nope');
  });

  it('refuses to start without a token, with a hint', async () => {
    const noToken = new GithubForge({ github: { apiUrl: fake.apiUrl } });
    const error = await noToken.resolveRepo(parseRepoRef('octo/meta')).catch((e: unknown) => e);
    expect((error as GodwitError).code).toBe('github-token-missing');
    expect((error as GodwitError).hint).toMatch(/GITHUB_TOKEN/);
  });
});

describe('GithubForge.openOrUpdatePullRequest', () => {
  it('creates one PR with labels, then updates the same PR on the second run', async () => {
    fake.addRepo({ owner: 'octo', name: 'app' });
    const repo = await resolve('octo/app');
    const first = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'one\n' })));
    expect(first).toMatchObject({ action: 'created', number: 1, state: 'open', branch: 'godwit/demo' });
    expect(fake.pullsOf('octo/app')).toHaveLength(1);
    expect(fake.pullsOf('octo/app')[0]!.labels.map((l) => l.name)).toEqual(['godwit', 'migration']);
    expect(fake.branchSha('octo/app', 'godwit/demo')).toBe(first.commit);

    // Second run: a fresh workspace with a different commit; the godwit-only branch is force-pushed.
    const second = await forge.openOrUpdatePullRequest(
      request(repo, workspace(repo, { 'a.txt': 'two\n' }), { title: 'Migrate demo (v2)', body: 'second body' }),
    );
    expect(second).toMatchObject({ action: 'updated', number: 1, url: first.url });
    expect(fake.pullsOf('octo/app')).toHaveLength(1);
    expect(fake.pullsOf('octo/app')[0]).toMatchObject({ title: 'Migrate demo (v2)', body: 'second body' });
    expect(fake.branchSha('octo/app', 'godwit/demo')).toBe(second.commit);
    expect(second.commit).not.toBe(first.commit);

    const found = await forge.findPullRequest(repo, 'godwit/demo');
    expect(found).toMatchObject({ number: 1, state: 'open', headSha: second.commit });
  });

  it('opens a draft when asked', async () => {
    fake.addRepo({ owner: 'octo', name: 'drafty' });
    const repo = await resolve('octo/drafty');
    const pr = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'd.txt': 'd\n' }), { draft: true }));
    expect(pr).toMatchObject({ action: 'created', state: 'draft' });
    expect(fake.pullsOf('octo/drafty')[0]!.draft).toBe(true);
  });

  it('stops at a human commit on the branch: no force-push, edited-by-human', async () => {
    fake.addRepo({ owner: 'octo', name: 'edited' });
    const repo = await resolve('octo/edited');
    await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'one\n' })));
    const human = fake.pushHumanCommit('octo/edited', 'godwit/demo');

    const again = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'two\n' }), { body: 'should not land' }));
    expect(again).toMatchObject({ action: 'edited-by-human', number: 1 });
    expect(fake.branchSha('octo/edited', 'godwit/demo')).toBe(human);
    expect(fake.pullsOf('octo/edited')[0]!.body).toBe('first body');

    const push = await forge.pushBranch(request(repo, workspace(repo, { 'a.txt': 'three\n' })));
    expect(push).toEqual({ pushed: false, reason: 'edited-by-human' });
    expect(fake.branchSha('octo/edited', 'godwit/demo')).toBe(human);
  });

  it('reports a merged PR and does not recreate it or push', async () => {
    fake.addRepo({ owner: 'octo', name: 'merged' });
    const repo = await resolve('octo/merged');
    const first = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'one\n' })));
    fake.mergePull('octo/merged', first.number!);
    const again = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'two\n' })));
    expect(again).toMatchObject({ action: 'already-merged', number: first.number, state: 'merged' });
    expect(fake.pullsOf('octo/merged')).toHaveLength(1);
    expect(fake.branchSha('octo/merged', 'godwit/demo')).toBe(first.commit);
  });

  it('leaves a PR closed without merging closed, and reopens it with reopen', async () => {
    fake.addRepo({ owner: 'octo', name: 'closed' });
    const repo = await resolve('octo/closed');
    const first = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'one\n' })));
    fake.closePull('octo/closed', first.number!);
    const left = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'two\n' })));
    expect(left).toMatchObject({ action: 'closed', state: 'closed' });
    expect(fake.pullsOf('octo/closed')[0]!.state).toBe('closed');

    const reopened = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'three\n' }), { reopen: true }));
    expect(reopened).toMatchObject({ action: 'reopened', number: first.number, state: 'open' });
    expect(fake.pullsOf('octo/closed')).toHaveLength(1);
    expect(fake.pullsOf('octo/closed')[0]!.state).toBe('open');
  });

  it('refuses to publish to an archived repository with a clear error', async () => {
    fake.addRepo({ owner: 'octo', name: 'attic', archived: true });
    const repo = await resolve('octo/attic');
    const error = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'x\n' }))).catch((e: unknown) => e);
    expect((error as GodwitError).code).toBe('forge-failed');
    expect((error as GodwitError).message).toContain('octo/attic is archived');
    expect(fake.branchSha('octo/attic', 'godwit/demo')).toBeUndefined();
  });

  it("pushes the caller's commit (the gate's), not whatever the workspace's HEAD is by then", async () => {
    fake.addRepo({ owner: 'octo', name: 'known' });
    const repo = await resolve('octo/known');
    const dir = workspace(repo, { 'a.txt': 'judged\n' });
    const commit = git(dir, ['rev-parse', 'HEAD']);
    git(dir, ['commit', '--quiet', '--allow-empty', '-m', 'later'], { GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@example.com', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@example.com' });
    const pr = await forge.openOrUpdatePullRequest(request(repo, dir, { commit }));
    expect(pr).toMatchObject({ action: 'created', commit });
    expect(fake.branchSha('octo/known', 'godwit/demo')).toBe(commit);
    // Over an existing branch too, and no temporary ref is left in the workspace.
    const again = workspace(repo, { 'a.txt': 'judged again\n' });
    const second = git(again, ['rev-parse', 'HEAD']);
    expect(await forge.openOrUpdatePullRequest(request(repo, again, { commit: second }))).toMatchObject({ action: 'updated', commit: second });
    expect(fake.branchSha('octo/known', 'godwit/demo')).toBe(second);
    expect(git(again, ['for-each-ref', 'refs/godwit/'])).toBe('');
  });

  it('reports an unchanged branch without pushing', async () => {
    fake.addRepo({ owner: 'octo', name: 'same' });
    const repo = await resolve('octo/same');
    const dir = workspace(repo, { 'a.txt': 'one\n' });
    await forge.openOrUpdatePullRequest(request(repo, dir));
    expect(await forge.pushBranch(request(repo, dir))).toEqual({ pushed: false, reason: 'unchanged' });
  });
});

describe('resilience', () => {
  it('waits out a 403 secondary rate limit and succeeds', async () => {
    fake.addRepo({ owner: 'octo', name: 'limited' });
    fake.fail(secondaryRateLimit(1, 1, /^\/repos\/octo\/limited$/));
    const before = fake.requests.length;
    const repo = await resolve('octo/limited');
    expect(repo.name).toBe('octo/limited');
    const calls = fake.requests.slice(before).filter((r) => r.path === '/repos/octo/limited');
    expect(calls.map((r) => r.status)).toEqual([403, 200]);
    expect(warnings.some((w) => /secondary rate limit/.test(w))).toBe(true);
  });

  it('waits for the primary rate limit reset and succeeds', async () => {
    fake.addRepo({ owner: 'octo', name: 'quota' });
    fake.fail({
      path: /^\/repos\/octo\/quota$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
      body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
    });
    const repo = await resolve('octo/quota');
    expect(repo.name).toBe('octo/quota');
    expect(fake.requests.filter((r) => r.path === '/repos/octo/quota').map((r) => r.status)).toEqual([403, 200]);
    expect(warnings.some((w) => /primary rate limit/.test(w))).toBe(true);
  });

  it('gives up after repeated secondary rate limits with a hint about rate limits', async () => {
    fake.addRepo({ owner: 'octo', name: 'hammered' });
    fake.fail(secondaryRateLimit(10, 1, /^\/repos\/octo\/hammered$/));
    const error = await resolve('octo/hammered').catch((e: unknown) => e);
    expect((error as GodwitError).code).toBe('forge-failed');
    expect((error as GodwitError).message).toContain('octo/hammered');
    expect((error as GodwitError).hint).toMatch(/rate limit/);
    expect(fake.requests.filter((r) => r.path === '/repos/octo/hammered')).toHaveLength(4); // 1 + 3 retries
  });

  it('retries a 502 and succeeds', async () => {
    fake.addRepo({ owner: 'octo', name: 'flaky' });
    fake.fail({ path: /^\/repos\/octo\/flaky$/, status: 502, times: 2 });
    const repo = await resolve('octo/flaky');
    expect(repo.name).toBe('octo/flaky');
    expect(fake.requests.filter((r) => r.path === '/repos/octo/flaky').map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('turns a 422 into forge-failed naming the repository and the call', async () => {
    fake.addRepo({ owner: 'octo', name: 'invalid' });
    const repo = await resolve('octo/invalid');
    fake.fail({
      method: 'POST',
      path: /^\/repos\/octo\/invalid\/pulls$/,
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest' },
    });
    const error = await forge.openOrUpdatePullRequest(request(repo, workspace(repo, { 'a.txt': 'x\n' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    expect((error as GodwitError).code).toBe('forge-failed');
    expect((error as GodwitError).message).toContain('octo/invalid');
    expect((error as GodwitError).message).toContain('pulls.create');
    expect((error as GodwitError).message).toContain('422');
    expect((error as GodwitError).message).toContain('PullRequest base invalid');
    expect((error as GodwitError).hint).toBeTruthy();
  });
});

describe('credentials', () => {
  it('sends the token to the API but never stores it in the clone, its config or its output', async () => {
    fake.addRepo({ owner: 'octo', name: 'secret' });
    const repo = await resolve('octo/secret');
    const auth = forge.gitAuth(repo);
    expect(auth.configArgs.join(' ')).not.toContain(PLANTED_TOKEN); // base64 in a header, not raw
    expect(auth.configArgs).toEqual([expect.stringMatching(/^http\.extraHeader=Authorization: Basic /)]);
    const dir = workspace(repo, { 'a.txt': 'x\n' });
    const record = await forge.openOrUpdatePullRequest(request(repo, dir));
    const gitConfig = readFileSync(path.join(dir, '.git', 'config'), 'utf8');
    const encoded = Buffer.from(`x-access-token:${PLANTED_TOKEN}`).toString('base64');
    for (const text of [gitConfig, JSON.stringify(record), git(dir, ['config', '--list', '--show-origin']), warnings.join('\n')]) {
      expect(text).not.toContain(PLANTED_TOKEN);
      expect(text).not.toContain(encoded);
    }
    expect(fake.requests.filter((r) => r.path.startsWith('/repos/octo/secret')).every((r) => r.authorization === `token ${PLANTED_TOKEN}`)).toBe(true);
  });

  it('scopes the git header to the clone URL origin for https remotes', () => {
    const auth = forge.gitAuth({ cloneUrl: 'https://ghe.example.com/octo/app.git' } as RepoInfo);
    expect(auth.configArgs[0]).toMatch(/^http\.https:\/\/ghe\.example\.com\/\.extraHeader=Authorization: Basic /);
    expect(configEntriesToEnv(auth.configArgs)).toMatchObject({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://ghe.example.com/.extraHeader',
      GIT_CONFIG_VALUE_0: expect.stringMatching(/^Authorization: Basic /),
    });
  });
});
