/**
 * Queue throughput with a no-op pipeline: N jobs (default 1,000) in one campaign, drained by 1 and
 * then 2 worker processes. Reports jobs/s from "all workers ready" to "every repository final".
 *
 *   npx tsx bench/queue/throughput.ts [--jobs 1000] [--concurrency 10] [--rounds 3]
 *
 * Each round is paired with a bare-BullMQ baseline in the same run (bench/queue/bare-worker.ts:
 * the same number of worker processes, concurrency and jobs, a processor that returns at once,
 * jobs added with one addBulk), so the ratio godwit / bare BullMQ is measured under the same load.
 *
 * Uses REDIS_URL or starts its own redis-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { configSchema } from '../../src/config/schema.js';
import { openQueueContext } from '../../src/queue/context.js';
import { startLocalRedis } from '../../src/queue/local-redis.js';
import { enqueueCampaign } from '../../src/queue/producer.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const JOBS = arg('jobs', 1000);
const CONCURRENCY = arg('concurrency', 10);
const here = path.dirname(fileURLToPath(import.meta.url));

const local = process.env.REDIS_URL ? undefined : await startLocalRedis();
const url = process.env.REDIS_URL ?? local!.url;
const config = configSchema.parse({ redisUrl: url });

async function round(workers: number): Promise<{ workers: number; seconds: number; enqueueMs: number; jobsPerSecond: number }> {
  const namespace = `bench-${workers}w-${Date.now().toString(36)}`;
  const ctx = await openQueueContext({ url, namespace, config });
  const children: ChildProcess[] = [];
  await Promise.all(
    Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'noop-worker.ts')], {
        env: { ...process.env, REDIS_URL: url, GODWIT_QUEUE_NAMESPACE: namespace, BENCH_CONCURRENCY: String(CONCURRENCY) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    }),
  );
  // All workers are idle and connected: enqueue, then time until every repository is final.
  const repos = Array.from({ length: JOBS }, (_, i) => ({ input: `/bench/repo-${i}`, name: `repo-${i}`, location: `/bench/repo-${i}` }));
  const t0 = performance.now();
  const { campaignId } = await enqueueCampaign(ctx, { migration: 'noop', repos, dryRun: true });
  const enqueueMs = performance.now() - t0;
  for (;;) {
    const counts = await ctx.store.getCounts(campaignId);
    if ((counts.verified ?? 0) >= JOBS) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))));
  await ctx.close();
  return { workers, seconds, enqueueMs, jobsPerSecond: JOBS / seconds };
}

/** The same workload on bare BullMQ: jobs/s from addBulk to every job completed. */
async function bareRound(workers: number): Promise<{ seconds: number; jobsPerSecond: number }> {
  const name = `bare-${workers}w-${Date.now().toString(36)}`;
  const queue = new Queue(name, { connection: { url, maxRetriesPerRequest: null }, prefix: `{${name}}` });
  const children: ChildProcess[] = [];
  await Promise.all(
    Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'bare-worker.ts')], {
        env: { ...process.env, REDIS_URL: url, BENCH_QUEUE: name, BENCH_CONCURRENCY: String(CONCURRENCY) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    }),
  );
  const t0 = performance.now();
  await queue.addBulk(Array.from({ length: JOBS }, (_, i) => ({ name: 'repo', data: { repo: `/bench/repo-${i}`, name: `repo-${i}` }, opts: { jobId: `j${i}` } })));
  for (;;) {
    const { completed } = await queue.getJobCounts('completed');
    if ((completed ?? 0) >= JOBS) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))));
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  return { seconds, jobsPerSecond: JOBS / seconds };
}

// Three rounds per setting, median reported: the machine may be shared.
const ROUNDS = arg('rounds', 3);
const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
const results = [];
for (const workers of [1, 2]) {
  const runs = [];
  const bare = [];
  // Alternate godwit and bare BullMQ rounds so that machine load hits both alike.
  for (let i = 0; i < ROUNDS; i++) {
    runs.push(await round(workers));
    bare.push(await bareRound(workers));
  }
  results.push({ ...median(runs, (r) => r.jobsPerSecond), bare: median(bare, (r) => r.jobsPerSecond) });
}
console.log(`| workers | jobs | concurrency per worker | enqueue (ms) | godwit: enqueue → all final (s) | godwit jobs/s | bare BullMQ jobs/s | godwit / bare |\n|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of results) {
  console.log(
    `| ${r.workers} | ${JOBS} | ${CONCURRENCY} | ${r.enqueueMs.toFixed(0)} | ${r.seconds.toFixed(2)} | ${r.jobsPerSecond.toFixed(0)} | ${r.bare.jobsPerSecond.toFixed(0)} | ${((100 * r.jobsPerSecond) / r.bare.jobsPerSecond).toFixed(0)}% |`,
  );
}
console.log(`RESULT ${JSON.stringify({ bench: 'throughput', jobs: JOBS, concurrency: CONCURRENCY, rounds: ROUNDS, results: results.map((r) => ({ workers: r.workers, godwit: Math.round(r.jobsPerSecond), bare: Math.round(r.bare.jobsPerSecond), ratio: r.jobsPerSecond / r.bare.jobsPerSecond })) })}`);
await local?.stop();
