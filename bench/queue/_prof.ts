import { configSchema } from '../../src/config/schema.js';
import { openQueueContext } from '../../src/queue/context.js';
import { startLocalRedis } from '../../src/queue/local-redis.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { syntheticReport } from '../../src/queue/synthetic-report.js';
import { startWorker } from '../../src/queue/worker.js';
const local = await startLocalRedis();
const config = configSchema.parse({ redisUrl: local.url });
const ctx = await openQueueContext({ url: local.url, namespace: 'p', config });
const repos = Array.from({ length: 2000 }, (_, i) => ({ input: `/bench/repo-${i}`, name: `repo-${i}`, location: `/bench/repo-${i}` }));
const { campaignId } = await enqueueCampaign(ctx, { migration: 'noop', repos, dryRun: true });
const wctx = await openQueueContext({ url: local.url, namespace: 'p', config });
const t0 = performance.now();
const worker = startWorker({ ctx: wctx, config, concurrency: 10, loadMigration: async (id) => ({ definition: { id, title: id } }) as never,
  runJob: async (o) => syntheticReport({ runId: o.runId ?? '', migration: o.migration.definition.id, repo: o.repo, name: o.repo, status: 'verified', reason: 'no-op' }) });
for (;;) { const c = await ctx.store.getCounts(campaignId); if ((c.verified ?? 0) >= 2000) break; await new Promise((r) => setTimeout(r, 20)); }
console.log('jobs/s', (2000 / ((performance.now() - t0) / 1000)).toFixed(0));
await worker.close(); await wctx.close(); await ctx.close(); await local.stop();
