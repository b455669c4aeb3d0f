/**
 * godwit on a real 3-master Redis Cluster: enqueue a campaign in two waves → two workers run it
 * → `godwit status --json` (the compiled CLI, REDIS_URL=redis-cluster://…) → the dashboard's
 * pages. Every key godwit and BullMQ wrote must sit in one slot (the namespace's hash tag), and
 * no Redis error — CROSSSLOT, MOVED that the client could not follow — may reach any worker.
 *
 * Needs redis-server and redis-cli (scripts/ensure-system-deps.sh installs both). Without them
 * the test is skipped on a developer machine and fails under CI=true.
 */
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard } from '../../src/dashboard/index.js';
import type { QueueContext } from '../../src/queue/context.js';
import { openQueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { GODWIT_ROOT } from '../support/fixture-repo.js';
import { startRedisCluster, type RedisCluster } from '../support/redis-cluster.js';
import { fakeMigration, fakeRepos, fastQueueConfig, scriptedRunJob, waitForCampaign } from './helpers.js';

const run = promisify(execFile);

function hasClusterTools(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    execFileSync('redis-cli', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasClusterTools();
if (!available && process.env.CI === 'true') throw new Error('The Redis Cluster test needs redis-server and redis-cli (bash scripts/ensure-system-deps.sh redis).');

describe.skipIf(!available)('Redis Cluster', () => {
  let cluster: RedisCluster;
  const namespace = `godwit-cluster-${process.pid}`;
  const config = fastQueueConfig();
  const contexts: QueueContext[] = [];
  const workers: GodwitWorker[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.close(true)));
    await Promise.allSettled(contexts.map((c) => c.close()));
    await cluster?.stop();
  });

  const open = async () => {
    const ctx = await openQueueContext({ url: cluster.url, namespace, config });
    contexts.push(ctx);
    return ctx;
  };

  it('runs a campaign with two workers; status and the dashboard read it; all keys in one slot', async () => {
    const producer = await open();
    const redisErrors: string[] = [];
    const taken = [0, 0];
    for (let i = 0; i < 2; i++) {
      const w = startWorker({ ctx: await open(), config, runJob: scriptedRunJob({ delayMs: 150 }), loadMigration: fakeMigration, concurrency: 2 });
      w.repoWorker.on('active', () => taken[i]!++);
      for (const bull of [w.repoWorker, w.campaignWorker]) bull.on('error', (error) => redisErrors.push(error.message));
      w.repoWorker.on('failed', (_job, error) => redisErrors.push(error.message));
      workers.push(w);
    }

    const names = ['a', 'b', 'c', 'na-d', 'e', 'f', 'g', 'h'];
    const { campaignId } = await enqueueCampaign(producer, { migration: 'm-cluster', repos: fakeRepos(names), waves: [3, Infinity], gate: 0.5, dryRun: true });
    const counts = await waitForCampaign(producer, campaignId, undefined, 60_000);
    expect(counts).toEqual({ verified: 7, 'not-applicable': 1 });
    await expect.poll(async () => (await producer.store.getCampaign(campaignId))?.state, { timeout: 20_000 }).toBe('done');
    // Both workers took jobs (the campaign really ran on a fleet of two).
    expect(taken[0]! + taken[1]!).toBe(names.length);
    expect(Math.min(...taken)).toBeGreaterThan(0);

    // `godwit status` as the compiled CLI, configured by the cluster URL alone.
    const status = await run(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), 'status', campaignId, '--json'], {
      env: { ...process.env, REDIS_URL: cluster.url, GODWIT_QUEUE_NAMESPACE: namespace },
      timeout: 60_000,
    });
    const parsed = JSON.parse(status.stdout) as { state: string; counts: Record<string, number>; repos: { repo: string; status: string }[] };
    expect(parsed.state).toBe('done');
    expect(parsed.counts).toEqual({ verified: 7, 'not-applicable': 1 });
    expect(parsed.repos.map((r) => r.repo).sort()).toEqual([...names].sort());

    // The dashboard opens its own connections from the URL: campaign list, campaign page, a run.
    const dashboard = await startDashboard({ config, port: 0, redisUrl: cluster.url, namespace });
    try {
      const page = async (p: string) => {
        const res = await fetch(new URL(p, dashboard.url));
        return { status: res.status, text: await res.text() };
      };
      const home = await page('/');
      expect(home.status).toBe(200);
      expect(home.text).toContain(campaignId);
      const campaignPage = await page(`/c/${campaignId}`);
      expect(campaignPage.status).toBe(200);
      for (const n of names) expect(campaignPage.text).toContain(n);
      const key = (await producer.store.getCampaignRepos(campaignId)).repos.find((r) => r.name === 'a')!.key;
      const repoPage = await page(`/c/${campaignId}/r/${key}`);
      expect(repoPage.status).toBe(200);
      expect(repoPage.text).toContain('verified');
    } finally {
      await dashboard.close();
    }

    expect(redisErrors).toEqual([]);

    // Every key of the namespace, on whichever master holds it, hashes to one slot.
    const keys: string[] = [];
    const slots = new Set<number>();
    for (const port of cluster.ports) {
      const node = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      node.on('error', () => {});
      try {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', `*{${namespace}}*`, 'COUNT', 1000);
          cursor = next;
          keys.push(...found);
        } while (cursor !== '0');
        for (const k of keys) slots.add(Number(await node.call('CLUSTER', 'KEYSLOT', k)));
      } finally {
        node.disconnect();
      }
    }
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.some((k) => k.includes(':repos:'))).toBe(true);
    expect(keys.some((k) => k.includes(':campaign:'))).toBe(true);
    expect(slots.size).toBe(1);
  }, 180_000);
});
