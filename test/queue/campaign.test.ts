import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueContext } from '../../src/queue/context.js';
import { cancelCampaign, resumeCampaign, retryCampaign } from '../../src/queue/control.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { GodwitError } from '../../src/errors.js';
import type { RunJob } from '../../src/pipeline/types.js';
import { createQueueSource } from '../../src/dashboard/queue-source.js';
import { queueActionsFor } from '../../src/dashboard/queue-actions.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { completedJob, fakeMigration, fakeRepos, fastQueueConfig, openTestContext, scriptedRunJob, waitForCampaign } from './helpers.js';

// Each test gets its own Redis namespace and queue context, and every worker it starts is closed
// after it, pass or fail: a leftover worker would otherwise take the next test's jobs.
let redis: TestRedis;
let ctx: QueueContext;
let workers: GodwitWorker[] = [];
let contexts: QueueContext[] = [];

beforeEach(async () => {
  redis = await useTestRedis();
  ctx = await openTestContext(redis);
  contexts.push(ctx);
});

afterEach(async () => {
  await Promise.allSettled(workers.map((w) => w.close(true)));
  await Promise.allSettled(contexts.map((c) => c.close()));
  workers = [];
  contexts = [];
  await redis.cleanup();
});

function worker(runJob = scriptedRunJob(), config = fastQueueConfig(), queue = ctx): GodwitWorker {
  const w = startWorker({ ctx: queue, config, runJob, loadMigration: fakeMigration, concurrency: 2 });
  workers.push(w);
  return w;
}

async function jobCount(): Promise<number> {
  const counts = await ctx.repoQueue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('campaigns on BullMQ', () => {
  it('enqueues one job per repository with deterministic ids; re-enqueueing adds none', async () => {
    const repos = fakeRepos(['a', 'b', 'c']);
    const first = await enqueueCampaign(ctx, { migration: 'm1', repos, dryRun: true });
    expect(first).toMatchObject({ jobs: 3, created: true });
    const before = await jobCount();
    const again = await enqueueCampaign(ctx, { migration: 'm1', repos: [...repos].reverse(), dryRun: true });
    expect(again).toEqual({ campaignId: first.campaignId, jobs: 0, created: false, waves: 1 });
    expect(await jobCount()).toBe(before);
    const { repos: stored } = await ctx.store.getCampaignRepos(first.campaignId);
    expect(stored.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);

    worker();
    const counts = await waitForCampaign(ctx, first.campaignId);
    expect(counts).toEqual({ verified: 3 });
    // The wave parent marks the campaign done after its children's status records are written.
    await expect.poll(async () => (await ctx.store.getCampaign(first.campaignId))?.state, { timeout: 10_000 }).toBe('done');
    const history = await ctx.store.getHistory(first.campaignId);
    expect(history.at(-1)?.counts).toEqual({ verified: 3 });
    expect(history.length).toBe(4); // creation + one per finished repository
    const job = await completedJob(ctx, stored[0]!.jobId);
    expect(job.returnvalue).toMatchObject({ status: 'verified' });
    expect(await job?.getState()).toBe('completed');
    const logs = await ctx.repoQueue.getJobLogs(stored[0]!.jobId);
    expect(logs.logs.join('\n')).toContain('prepare end ok');
  });

  it('a wave below its gate pauses the campaign; resume releases the next wave', async () => {
    const repos = fakeRepos(['fail-1', 'ok-1', 'ok-2', 'ok-3', 'ok-4']);
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm2', repos, waves: [2, Infinity], gate: 0.8, dryRun: true });
    worker();
    await waitForCampaign(ctx, campaignId, (c) => (c.verified ?? 0) + (c.failed ?? 0) === 2);
    await expect.poll(async () => (await ctx.store.getCampaign(campaignId))?.state, { timeout: 10_000 }).toBe('paused');
    const paused = await ctx.store.getCampaign(campaignId);
    expect(paused?.reason).toMatch(/wave 1 verified 1\/2 \(50%\), below the gate of 80%/);
    expect(paused?.waves[0]?.result).toMatchObject({ verified: 1, applicable: 2, rate: 0.5 });
    expect(await ctx.store.getCounts(campaignId)).toEqual({ verified: 1, failed: 1, pending: 3 });

    const resumed = await resumeCampaign(ctx, campaignId);
    expect(resumed).toEqual({ releasedWave: 1, jobs: 3 });
    expect(await waitForCampaign(ctx, campaignId)).toEqual({ verified: 4, failed: 1 });
    await expect.poll(async () => (await ctx.store.getCampaign(campaignId))?.state, { timeout: 10_000 }).toBe('done');

    // retry --failed re-runs exactly the failed one under a new job id
    expect(await retryCampaign(ctx, campaignId, ['failed'])).toBe(1);
    const retried = (await ctx.store.getCampaignRepos(campaignId, { search: 'fail-1' })).repos[0]!;
    expect(retried.jobId).toMatch(/\.r1$/);
    expect(await waitForCampaign(ctx, campaignId)).toEqual({ verified: 4, failed: 1 });
  });

  it('a wave at or above its gate releases the next one by itself', async () => {
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm3', repos: fakeRepos(['x1', 'x2', 'x3', 'x4']), waves: [1, 1, Infinity], gate: 1, dryRun: true });
    worker();
    expect(await waitForCampaign(ctx, campaignId)).toEqual({ verified: 4 });
    const record = await ctx.store.getCampaign(campaignId);
    expect(record?.waves.map((x) => x.released)).toEqual([true, true, true]);
  });

  it('cancel mid-campaign removes waiting jobs and lets the active ones finish, marked', async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const names = Array.from({ length: 8 }, (_, i) => `c${i}`);
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm4', repos: fakeRepos(names), dryRun: true });
    worker(scriptedRunJob({ hold }));
    await waitForCampaign(ctx, campaignId, (c) => c.running === 2);
    const result = await cancelCampaign(ctx, campaignId);
    expect(result).toEqual({ removed: 6, active: 2 });
    expect(await ctx.repoQueue.getWaitingCount()).toBe(0);
    release();
    const counts = await waitForCampaign(ctx, campaignId);
    expect(counts).toEqual({ cancelled: 6, verified: 2 });
    const finished = await ctx.store.getCampaignRepos(campaignId, { status: 'verified' });
    expect(finished.repos.every((r) => r.cancelRequested === true)).toBe(true);
    expect(finished.repos.map((r) => r.reason)).toEqual(['verified (finished after the campaign was cancelled)', 'verified (finished after the campaign was cancelled)']);
    expect((await ctx.store.getCampaign(campaignId))?.state).toBe('cancelled');
  });

  it('a job over the PRs-per-hour limit is delayed and shows as rate-limited', async () => {
    const config = fastQueueConfig({ limits: { prsPerHour: 1, openPrsPerCampaign: 500, llmConcurrency: 2 } });
    const limited = await openTestContext(redis, config);
    contexts.push(limited);
    const { campaignId } = await enqueueCampaign(limited, { migration: 'm5', repos: fakeRepos(['p1', 'p2']) });
    worker(scriptedRunJob(), config, limited);
    const counts = await waitForCampaign(limited, campaignId, (c) => c.verified === 1 && c['rate-limited'] === 1);
    expect(counts).toEqual({ verified: 1, 'rate-limited': 1 });
    const limitedRepo = (await limited.store.getCampaignRepos(campaignId, { status: 'rate-limited' })).repos[0]!;
    expect(await (await limited.repoQueue.getJob(limitedRepo.jobId))?.getState()).toBe('delayed');
  });

  it('infrastructure errors are retried with backoff; a failed migration is final; retries run out as error', async () => {
    const attempts = new Map<string, number>();
    const base = scriptedRunJob();
    const flaky: RunJob = async (opts) => {
      const name = opts.repo.split('/').at(-1)!;
      const n = (attempts.get(name) ?? 0) + 1;
      attempts.set(name, n);
      if (name === 'flaky' && n === 1) throw new GodwitError('clone-failed', 'remote hung up');
      if (name === 'down') throw new GodwitError('llm-unreachable', 'connection refused');
      if (name === 'bug') throw new Error('undefined is not a function');
      return base(opts);
    };
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm6', repos: fakeRepos(['flaky', 'fail-x', 'down', 'bug']), dryRun: true });
    worker(flaky);
    const counts = await waitForCampaign(ctx, campaignId);
    expect(counts).toEqual({ verified: 1, failed: 1, error: 2 });
    expect(Object.fromEntries(attempts)).toEqual({ flaky: 2, 'fail-x': 1, down: 3, bug: 1 });
    const repos = Object.fromEntries((await ctx.store.getCampaignRepos(campaignId)).repos.map((r) => [r.name, r]));
    expect(repos.flaky).toMatchObject({ status: 'verified', attempts: 2 });
    expect(repos.down).toMatchObject({ status: 'error', attempts: 3, reason: 'connection refused' });
    expect(repos.bug).toMatchObject({ status: 'error', reason: 'undefined is not a function' });
    const downJob = await completedJob(ctx, repos.down!.jobId);
    expect(downJob.returnvalue).toMatchObject({ status: 'error', error: { code: 'llm-unreachable' } });
  });

  it('--concurrency caps the running jobs of a campaign across workers', async () => {
    let running = 0;
    let peak = 0;
    const base = scriptedRunJob({ delayMs: 60 });
    const counted: RunJob = async (opts) => {
      peak = Math.max(peak, ++running);
      try {
        return await base(opts);
      } finally {
        running--;
      }
    };
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm7', repos: fakeRepos(['k1', 'k2', 'k3', 'k4']), concurrency: 1, dryRun: true });
    worker(counted);
    worker(counted);
    expect(await waitForCampaign(ctx, campaignId)).toEqual({ verified: 4 });
    expect(peak).toBe(1);
  });

  it('the read model: iterations, tokens and cost of a finished run are on its record, and the dashboard shows them from there', async () => {
    const base = scriptedRunJob();
    const usage = { requests: 3, promptTokens: 1000, completionTokens: 234, totalTokens: 1234, costUsd: 0.5 };
    const iteration = { index: 0, editsApplied: 1, editsRefused: 0, verify: [], usage, durationMs: 1 };
    const withUsage: RunJob = async (opts) => ({ ...(await base(opts)), usage, agent: { iterations: [iteration, { ...iteration, index: 1 }], transcript: [] } });
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm8', repos: fakeRepos(['u1']), dryRun: true });
    worker(withUsage);
    await waitForCampaign(ctx, campaignId);
    const [record] = (await ctx.store.getCampaignRepos(campaignId)).repos;
    expect(record).toMatchObject({ status: 'verified', iterations: 2, tokens: 1234, costUsd: 0.5 });
    // The job (and its report) may be gone (retention); the row still has the facts.
    await (await completedJob(ctx, record!.jobId)).remove();
    const source = createQueueSource({ queue: ctx, actions: queueActionsFor(ctx, fastQueueConfig()) });
    const page = await source.listRepos(campaignId, { page: 1, pageSize: 10 });
    expect(page.rows[0]).toMatchObject({ repo: 'u1', state: 'verified', iterations: 2, tokens: 1234, costUsd: 0.5 });
    expect((await source.getRepo(campaignId, record!.key))?.row).toMatchObject({ iterations: 2, tokens: 1234 });
  });
});
