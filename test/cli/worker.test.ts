/**
 * `godwit worker` as a real child process, SIGKILLed mid-job: after the stall interval another
 * worker takes the job over, it completes exactly once, and the source repository ends with one
 * `godwit/<id>` branch holding one commit. Also: SIGTERM shuts a worker down gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { QueueContext } from '../../src/queue/context.js';
import { subscribeCampaignEvents, type CampaignEvent, type EventSubscription } from '../../src/queue/events.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { GODWIT_ROOT, copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { fastQueueConfig, openTestContext, waitForCampaign } from '../queue/helpers.js';

let env: TestEnv;
let redis: TestRedis;
let ctx: QueueContext;
let template: string;
const children: ChildProcess[] = [];
const workers: GodwitWorker[] = [];
const subscriptions: EventSubscription[] = [];

// The child worker's lock expires at most 20s after it dies; the surviving worker checks every
// second. (Much shorter locks are unsafe here: ts-morph work blocks the event loop for seconds on
// a busy machine, and a worker that cannot renew its lock in time loses its job.)
const CHILD_QUEUE = { attempts: 2, backoffMs: 100, lockDurationMs: 20_000, stalledIntervalMs: 1000, completedRetentionSeconds: 3600 };

beforeAll(async () => {
  env = createTestEnv();
  redis = await useTestRedis();
  ctx = await openTestContext(redis, fastQueueConfig({ queue: CHILD_QUEUE }));
  writeFileSync(path.join(env.root, 'godwit.config.json'), JSON.stringify({ queue: CHILD_QUEUE }));
  template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'sample' });
});

// Pass or fail, nothing a test started outlives it: a leftover worker would take the next test's job.
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.allSettled([...workers.splice(0).map((w) => w.close(true)), ...subscriptions.splice(0).map((s) => s.close())]);
});

afterAll(async () => {
  await ctx?.close();
  await redis?.cleanup();
  env?.cleanup();
});

function spawnWorker(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), 'worker'], {
    cwd: env.root,
    // A long shutdown deadline: these tests are about finishing the running job, however slow.
    env: { ...process.env, ...redis.env, GODWIT_WORKDIR: env.workdir, GODWIT_SHUTDOWN_TIMEOUT_MS: '600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

describe('godwit worker', () => {
  it('a SIGKILLed worker’s job is taken over after the stall interval and completes exactly once', async () => {
    const dir = copyFixture(template, env, 'killed');
    const { repos } = resolveRepoSources([{ origin: '--repo', text: dir, cwd: env.root }]);
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'node-protocol-imports', repos, install: false });
    const events: CampaignEvent[] = [];
    const sub = subscribeCampaignEvents(ctx, (e) => events.push(e), campaignId);
    subscriptions.push(sub);
    await sub.ready;

    const first = spawnWorker();
    // Mid-job: the pipeline has started a stage after prepare.
    await until('the child worker to be mid-job', async () => {
      const repo = (await ctx.store.getCampaignRepos(campaignId)).repos[0];
      return repo?.status === 'running' && repo.stage !== undefined && repo.stage !== 'prepare' ? repo : undefined;
    }, 90_000).catch((e: Error) => {
      throw new Error(`${e.message}\nworker output:\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    await exited(first.child);
    const jobId = (await ctx.store.getCampaignRepos(campaignId)).repos[0]!.jobId;
    expect(await (await ctx.repoQueue.getJob(jobId))?.getState()).toBe('active'); // still locked by the dead worker

    const config = { ...env.config, queue: { ...env.config.queue, ...CHILD_QUEUE, lockDurationMs: 60_000 } };
    const survivor = startWorker({ ctx, config, runJob, loadMigration: getMigration });
    workers.push(survivor);
    const counts = await waitForCampaign(ctx, campaignId, undefined, 110_000);
    const repo = (await ctx.store.getCampaignRepos(campaignId)).repos[0]!;
    expect(counts, `${repo.status}: ${repo.reason}`).toEqual({ verified: 1 });
    // The status record is written just before BullMQ moves the job to completed.
    // Read the job again once its state is completed: a copy read before that has no return value yet.
    const job = await until('the job to be completed', async () => ((await ctx.repoQueue.getJobState(jobId)) === 'completed' ? ctx.repoQueue.getJob(jobId) : undefined), 30_000);
    const completed = () => events.filter((e) => e.type === 'completed' && e.jobId === jobId);
    await until('the completed event', () => (completed().length ? true : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 1000)); // a second completion would show up here

    expect(completed()).toHaveLength(1);
    expect(events.some((e) => e.type === 'stalled' && e.jobId === jobId)).toBe(true);
    expect(job?.returnvalue, `${JSON.stringify(await ctx.store.getCampaignRepos(campaignId))}\n${first.output()}`).toMatchObject({ status: 'verified' });
    expect(git(dir, 'branch', '--list', 'godwit/*').split('\n').map((b) => b.trim())).toEqual(['godwit/node-protocol-imports']);
    expect(git(dir, 'rev-list', '--count', 'main..godwit/node-protocol-imports')).toBe('1');
  });

  it('SIGTERM: the worker finishes its running job, then exits 0', async () => {
    const w = spawnWorker();
    await until('the worker to be ready', () => (w.output().includes('ready') ? true : undefined), 60_000);
    const dir = copyFixture(template, env, 'graceful');
    const { repos } = resolveRepoSources([{ origin: '--repo', text: dir, cwd: env.root }]);
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'node-protocol-imports', repos, install: false, name: 'graceful' });
    await until('the job to start', async () => ((await ctx.store.getCounts(campaignId)).running ? true : undefined), 90_000);
    w.child.kill('SIGTERM');
    expect(await exited(w.child)).toBe(0);
    expect(w.output()).toContain('SIGTERM — stopping');
    expect(await ctx.store.getCounts(campaignId), w.output()).toEqual({ verified: 1 });
  });
});
