/**
 * Fleet mode with the real pipeline: three fixture repositories (real git, real tsc/eslint/vitest),
 * node-protocol-imports, two in-process workers, real Redis; then `godwit status --json`.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { getMigration } from '../../src/catalog/registry.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { QueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { fastQueueConfig, openTestContext, waitForCampaign } from './helpers.js';

let env: TestEnv;
let redis: TestRedis;
let ctx: QueueContext;
const workers: GodwitWorker[] = [];

beforeAll(async () => {
  env = createTestEnv();
  redis = await useTestRedis();
  ctx = await openTestContext(redis, fastQueueConfig({ queue: { attempts: 2, backoffMs: 50, lockDurationMs: 60_000, stalledIntervalMs: 5_000, completedRetentionSeconds: 3600 } }));
});

afterEach(async () => {
  await Promise.allSettled(workers.splice(0).map((w) => w.close(true)));
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await ctx?.close();
  await redis?.cleanup();
  env?.cleanup();
});

describe('fleet mode with the real pipeline', () => {
  it('3 repositories, 2 workers: all end verified, each with one commit on godwit/node-protocol-imports', async () => {
    const template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'sample' });
    const dirs = ['alpha', 'beta', 'gamma'].map((name) => copyFixture(template, env, name));
    const { repos, invalid } = resolveRepoSources(dirs.map((d) => ({ origin: '--repo', text: d, cwd: env.root })));
    expect(invalid).toEqual([]);
    const { campaignId, jobs } = await enqueueCampaign(ctx, { migration: 'node-protocol-imports', repos, install: false });
    expect(jobs).toBe(3);

    // ts-morph work blocks the event loop for a while: keep the lock well above that, or BullMQ
    // would consider the job stalled and hand it to the other worker mid-run.
    const config = { ...env.config, queue: { ...fastQueueConfig().queue, lockDurationMs: 60_000, stalledIntervalMs: 5_000 } };
    const seenBy = new Map<string, string>();
    for (const name of ['w1', 'w2']) {
      const w = startWorker({ ctx, config, runJob, loadMigration: getMigration, concurrency: 1 });
      w.repoWorker.on('active', (job) => seenBy.set(job.id!, name));
      workers.push(w);
    }
    // Generous: three real pipelines (clone, install-free tsc/eslint/vitest, twice) on a loaded machine.
    const counts = await waitForCampaign(ctx, campaignId, undefined, 400_000);
    const why = (await ctx.store.getCampaignRepos(campaignId)).repos.map((r) => `${r.name}: ${r.status} ${r.reason ?? ''}`);
    expect(counts, why.join('\n')).toEqual({ verified: 3 });
    expect(new Set(seenBy.values()).size).toBe(2); // both workers took jobs
    for (const dir of dirs) expect(git(dir, 'rev-list', '--count', 'main..godwit/node-protocol-imports')).toBe('1');

    const out: string[] = [];
    vi.stubEnv('REDIS_URL', redis.url);
    vi.stubEnv('GODWIT_QUEUE_NAMESPACE', redis.namespace);
    const code = await main(['node', 'godwit', 'status', campaignId, '--json'], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      isTTY: false,
    });
    expect(code).toBe(0);
    const status = JSON.parse(out.join('')) as { campaignId: string; state: string; counts: Record<string, number>; repos: Array<{ repo: string; status: string; stage: string; pr: string }> };
    expect(status.campaignId).toBe(campaignId);
    expect(status.state).toBe('done');
    expect(status.counts).toEqual({ verified: 3 });
    expect(status.repos.map((r) => [r.repo, r.status, r.stage])).toEqual([
      ['alpha', 'verified', 'publish'],
      ['beta', 'verified', 'publish'],
      ['gamma', 'verified', 'publish'],
    ]);
    expect(status.repos.every((r) => typeof r.pr === 'string' && r.pr.length > 0)).toBe(true);
  }, 480_000);
});
