/** `godwit enqueue` through the CLI entry, against a real Redis. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { QueueContext } from '../../src/queue/context.js';
import { createTestEnv, writeFixtureRepo, copyFixture, type TestEnv } from '../support/fixture-repo.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { openTestContext } from '../queue/helpers.js';

let env: TestEnv;
let redis: TestRedis;
let ctx: QueueContext;
let repoA: string;
let repoB: string;

beforeAll(async () => {
  env = createTestEnv();
  redis = await useTestRedis();
  ctx = await openTestContext(redis);
  process.env.REDIS_URL = redis.url;
  process.env.GODWIT_QUEUE_NAMESPACE = redis.namespace;
  const template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'sample' });
  repoA = copyFixture(template, env, 'repo-a');
  repoB = copyFixture(template, env, 'repo-b');
});

afterAll(async () => {
  await ctx?.close();
  await redis?.cleanup();
  env?.cleanup();
});

async function godwit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'godwit', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function totalJobs(): Promise<number> {
  const counts = await ctx.repoQueue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('godwit enqueue', () => {
  it('reports an invalid repository line with its line number and enqueues nothing', async () => {
    const file = path.join(env.root, 'repos.txt');
    writeFileSync(file, ['# fleet', repoA, '', '--upload-pack=evil', 'repo-b  # relative to the file', 'ext::sh -c boom'].join('\n'));
    const result = await godwit('enqueue', 'node-protocol-imports', '--repos', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:4:`);
    expect(result.stderr).toContain(`${file}:6:`);
    expect(result.stderr).not.toContain(`${file}:5:`);
    expect(result.stderr).toContain('nothing was enqueued');
    expect(result.stderr).toContain('--skip-invalid');
    expect(await ctx.store.listCampaigns()).toEqual([]);
    expect(await totalJobs()).toBe(0);

    const skipped = await godwit('enqueue', 'node-protocol-imports', '--repos', file, '--skip-invalid', '--json', '--name', 'skip test');
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ campaignId: 'skip-test', jobs: 2 });
    const repos = (await ctx.store.getCampaignRepos('skip-test')).repos;
    expect(repos.map((r) => [r.name, r.repo])).toEqual([
      ['repo-a', repoA],
      ['repo-b', repoB],
    ]);
  });

  it('prints { campaignId, jobs }; enqueueing the same campaign again adds no jobs', async () => {
    const first = await godwit('enqueue', 'node-protocol-imports', '--repo', repoA, '--repo', repoB, '--waves', '1,all', '--gate', '0.5', '--json');
    expect(first.code, first.stderr).toBe(0);
    const { campaignId, jobs } = JSON.parse(first.stdout) as { campaignId: string; jobs: number };
    expect(jobs).toBe(1); // only the first wave is released
    expect(campaignId).toMatch(/^node-protocol-imports-[0-9a-f]{10}$/);
    const before = await totalJobs();
    const again = await godwit('enqueue', 'node-protocol-imports', '--repo', repoB, '--repo', repoA, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ campaignId, jobs: 0, created: false });
    expect(await totalJobs()).toBe(before);
    const record = await ctx.store.getCampaign(campaignId);
    expect(record).toMatchObject({ gate: 0.5, state: 'running' });
    expect(record?.waves.map((w) => w.released)).toEqual([true, false]);
  });

  it('refuses an unknown migration and bad flags with exit code 2', async () => {
    const unknown = await godwit('enqueue', 'no-such-migration', '--repo', repoA);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown migration');
    const noRepos = await godwit('enqueue', 'node-protocol-imports');
    expect(noRepos.code).toBe(2);
    expect(noRepos.stderr).toContain('No repositories given');
    const badPolicy = path.join(env.root, 'bad-policy.yaml');
    writeFileSync(badPolicy, 'pullRequests:\n  merge:\n    mode: whenever\n');
    const invalidPolicy = await godwit('enqueue', 'node-protocol-imports', '--repo', repoA, '--policy', badPolicy);
    expect(invalidPolicy.code).toBe(2);
    expect(invalidPolicy.stderr).toContain('Invalid policy file');
    expect(invalidPolicy.stderr).toContain('pullRequests.merge.mode');
    const badWaves = await godwit('enqueue', 'node-protocol-imports', '--repo', repoA, '--waves', 'all,5');
    expect(badWaves.code).toBe(2);
    expect(badWaves.stderr).toContain('"all" must be the last wave');
  });

  it('stores a follow-up policy given with --policy on the campaign record', async () => {
    const file = path.join(env.root, 'policy.yaml');
    writeFileSync(file, 'pullRequests:\n  reviewers: [rita]\n  merge:\n    mode: when-approved\n    window: "Mon–Thu 09:00–16:00"\n    timezone: Europe/Berlin\nci:\n  maxRounds: 1\n');
    const result = await godwit('enqueue', 'node-protocol-imports', '--repo', repoA, '--policy', file, '--name', 'with policy', '--json');
    expect(result.code, result.stderr).toBe(0);
    const { campaignId } = JSON.parse(result.stdout) as { campaignId: string };
    const campaign = await ctx.store.getCampaign(campaignId);
    // Only what the file says: the config's other settings (bot name, merge method …) still apply.
    expect(campaign?.policy).toEqual({ pullRequests: { reviewers: ['rita'], merge: { mode: 'when-approved', window: 'Mon–Thu 09:00–16:00', timezone: 'Europe/Berlin' } }, ci: { maxRounds: 1 } });
  });
});
