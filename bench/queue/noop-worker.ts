/**
 * A worker process for the throughput bench: the real queue layer (BullMQ worker, zod job data,
 * status writes, limits) around a pipeline that does nothing. Env: REDIS_URL,
 * GODWIT_QUEUE_NAMESPACE, BENCH_CONCURRENCY.
 */
import { configFromEnv, configSchema } from '../../src/config/index.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import type { RunJob } from '../../src/pipeline/types.js';
import { openQueueContext } from '../../src/queue/context.js';
import { syntheticReport } from '../../src/queue/synthetic-report.js';
import { startWorker } from '../../src/queue/worker.js';

const config = configSchema.parse(configFromEnv(process.env));
const ctx = await openQueueContext({ url: config.redisUrl!, config });
const noop: RunJob = async (o) =>
  syntheticReport({ runId: o.runId ?? '', migration: o.migration.definition.id, repo: o.repo, name: o.repo, status: 'verified', reason: 'no-op' });
const loadMigration = async (id: string): Promise<LoadedMigration> =>
  ({ definition: { id, title: id }, dir: undefined, promptText: undefined, branch: `godwit/${id}` }) as unknown as LoadedMigration;
const worker = startWorker({ ctx, config, runJob: noop, loadMigration, concurrency: Number(process.env.BENCH_CONCURRENCY ?? 10) });
await worker.waitUntilReady(); // its spawner too: a start-up cost, not the steady state measured here
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => ctx.close()).then(() => process.exit(0));
});
