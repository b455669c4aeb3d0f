/**
 * The bare-BullMQ baseline of the throughput bench: one BullMQ Worker with a processor that
 * returns at once — no godwit job data validation, status writes, limits or wave parent.
 * Env: REDIS_URL, BENCH_QUEUE, BENCH_CONCURRENCY.
 */
import { Worker } from 'bullmq';

const worker = new Worker(process.env.BENCH_QUEUE!, async () => ({ status: 'verified', reason: 'no-op' }), {
  connection: { url: process.env.REDIS_URL!, maxRetriesPerRequest: null },
  prefix: `{${process.env.BENCH_QUEUE}}`,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 10),
});
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
