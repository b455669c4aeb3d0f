/**
 * `godwit sync <campaign>` and the PR-sync job processor against the fake GitHub and a real
 * Redis: a PR merged on GitHub and a failing check run show up in the stored PR states.
 */
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { GithubForge } from '../../../src/forge/github/forge.js';
import { parseRepoRef } from '../../../src/forge/repo-ref.js';
import { createCampaignStore } from '../../../src/queue/campaign-store.js';
import { queueKeys } from '../../../src/queue/keys.js';
import { createPrSyncProcessor } from '../../../src/queue/pr-sync-job.js';
import { getPullRequestHistory, getPullRequestStates } from '../../../src/queue/pr-states.js';
import { FakeGithub } from '../../support/fake-github/server.js';
import { useTestRedis, type TestRedis } from '../../support/redis.js';
import { FAST, PLANTED_TOKEN, godwitWorkspace } from './helpers.js';

let fake: FakeGithub;
let testRedis: TestRedis;
let redis: Redis;
const dirs: string[] = [];
const CAMPAIGN = 'c-sync';
const savedEnv = { ...process.env };

async function openPr(forge: GithubForge, name: string): Promise<{ number: number; sha: string; url: string }> {
  fake.addRepo({ owner: 'acme', name });
  const repo = await forge.resolveRepo(parseRepoRef(`acme/${name}`));
  const dir = godwitWorkspace(repo.cloneUrl, 'godwit/upgrade', forge.gitAuth(repo), { 'x.txt': name });
  dirs.push(dir);
  const pr = await forge.openOrUpdatePullRequest({ repo, workspaceDir: dir, branch: 'godwit/upgrade', base: 'main', title: 't', body: 'b', labels: ['godwit'], draft: false, reopen: false });
  return { number: pr.number!, sha: pr.commit!, url: pr.url! };
}

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  testRedis = await useTestRedis();
  redis = new Redis(testRedis.url);
  const keys = queueKeys(testRedis.namespace);
  const forge = new GithubForge({ github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl } }, { clientOptions: FAST });
  const [a, b] = await Promise.all([openPr(forge, 'alpha'), openPr(forge, 'beta')]);
  fake.mergePull('acme/alpha', a.number);
  fake.addCheckRun(b.sha, 'test', 'completed', 'failure');
  fake.addStatus(b.sha, 'success');

  const now = new Date().toISOString();
  const repoRecord = (key: string, repo: string, pr?: Record<string, unknown>) =>
    JSON.stringify({ key, jobId: `${CAMPAIGN}.${key}`, repo, name: repo, wave: 0, status: 'verified', attempts: 1, requeues: 0, updatedAt: now, ...(pr ? { pr } : {}) });
  await redis.set(
    keys.campaign(CAMPAIGN),
    JSON.stringify({ id: CAMPAIGN, name: CAMPAIGN, migration: 'no-such-migration', createdAt: now, updatedAt: now, state: 'done', total: 4, gate: 0, waves: [], dryRun: false, install: true }),
  );
  await redis.zadd(keys.campaigns, Date.now(), CAMPAIGN);
  await redis.hset(
    keys.campaignRepos(CAMPAIGN),
    'alpha', repoRecord('alpha', 'acme/alpha', { action: 'created', url: a.url, number: a.number, branch: 'godwit/upgrade' }),
    'beta', repoRecord('beta', 'https://github.com/acme/beta', { action: 'updated', url: b.url, number: b.number, branch: 'godwit/upgrade' }),
    'gamma', repoRecord('gamma', 'acme/gamma', { action: 'dry-run', branch: 'godwit/upgrade' }),
    'delta', repoRecord('delta', 'acme/delta'),
  );
  Object.assign(process.env, { REDIS_URL: testRedis.url, GODWIT_QUEUE_NAMESPACE: testRedis.namespace, GITHUB_TOKEN: PLANTED_TOKEN, GITHUB_API_URL: fake.apiUrl });
});

afterAll(async () => {
  process.env = savedEnv;
  redis.disconnect();
  await testRedis.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await fake.stop();
});

describe('godwit sync', () => {
  it('stores the merged PR and the failing check run with the campaign', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(`ERR ${t}`), isTTY: false };
    const code = await main(['node', 'godwit', 'sync', CAMPAIGN, '--json'], io);
    expect(code, out.join('\n')).toBe(0);
    const printed = JSON.parse(out.join('\n')) as { counts: Record<string, number>; skipped: number; prs: Array<{ repo: string; state: string; checks: string }> };
    expect(printed.skipped).toBe(2);
    expect(printed.prs.map((p) => [p.repo, p.state, p.checks])).toEqual([
      ['acme/alpha', 'merged', 'none'],
      ['acme/beta', 'open', 'failure'],
    ]);
    expect(printed.counts).toMatchObject({ merged: 1, open: 1, 'checks-failing': 1 });

    const keys = queueKeys(testRedis.namespace);
    const stored = await getPullRequestStates(redis, keys, CAMPAIGN);
    expect(stored.map((s) => [s.key, s.state, s.checks])).toEqual([
      ['alpha', 'merged', 'none'],
      ['beta', 'open', 'failure'],
    ]);
    expect(JSON.stringify(stored)).not.toContain(PLANTED_TOKEN);
    expect(fake.violations).toEqual([]);
  });

  it('prints a readable summary without --json', async () => {
    const out: string[] = [];
    const code = await main(['node', 'godwit', 'sync', CAMPAIGN], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/merged\s+acme\/alpha\s+#1/);
    expect(out.join('\n')).toMatch(/open\s+acme\/beta\s+#1\s+checks: failure/);
  });

  it('reports an unknown campaign as a usage error', async () => {
    const out: string[] = [];
    const code = await main(['node', 'godwit', 'sync', 'nope'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false });
    expect(code).toBe(2);
    expect(out.join('\n')).toContain('godwit campaigns');
  });

  it('the repeatable job processor (the one workers run) syncs, appends a burndown sample and frees the merged PR’s open-PR slot', async () => {
    const keys = queueKeys(testRedis.namespace);
    const before = (await getPullRequestHistory(redis, keys, CAMPAIGN)).length;
    // Both PRs hold a slot of the campaign's open-PR limit, as the worker reserved them.
    await redis.sadd(keys.campaignOpenPrs(CAMPAIGN), 'alpha', 'beta');
    fake.addCheckRun(fake.branchSha('acme/beta', 'godwit/upgrade')!, 'test-rerun', 'in_progress');
    const processor = createPrSyncProcessor({ redis, keys, store: createCampaignStore(redis, keys), config: { github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl } }, clientOptions: FAST });
    const summary = await processor({ id: 'j1', data: { campaignId: CAMPAIGN } });
    expect(summary).toMatchObject({ campaignId: CAMPAIGN, synced: 2, skipped: 2, counts: { merged: 1, open: 1, 'checks-failing': 1 } });
    const history = await getPullRequestHistory(redis, keys, CAMPAIGN);
    expect(history).toHaveLength(before + 1);
    expect(await redis.smembers(keys.campaignOpenPrs(CAMPAIGN))).toEqual(['beta']);
    await expect(processor({ id: 'j2', data: {} })).rejects.toMatchObject({ code: 'usage' });
  });
});
