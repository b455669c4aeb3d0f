/**
 * Wires the GitHub PR sync (pr-sync-job.ts) into the fleet: campaigns with GitHub repositories
 * get a repeatable sync job (every 10 minutes by default), and workers process it when they
 * have a GITHUB_TOKEN. A merged or closed PR frees its slot of the per-campaign open-PR limit.
 */
import { Queue, Worker } from 'bullmq';
import type { GodwitConfig } from '../config/schema.js';
import { bullConnection } from './connection.js';
import type { QueueContext } from './context.js';
import { settlePrSlot } from './limits.js';
import { PR_SYNC_JOB, PR_SYNC_QUEUE, syncCampaignPullRequests, prSyncJobDataSchema } from './pr-sync-job.js';

export const PR_SYNC_EVERY_MS = 10 * 60_000;

export async function schedulePrSync(ctx: QueueContext, campaignId: string, everyMs = PR_SYNC_EVERY_MS): Promise<void> {
  const queue = new Queue(PR_SYNC_QUEUE, { connection: bullConnection(ctx.url), prefix: ctx.keys.bullPrefix });
  queue.on('error', () => {});
  try {
    await queue.upsertJobScheduler(`pr-sync.${campaignId}`, { every: everyMs }, { name: PR_SYNC_JOB, data: { campaignId } });
  } finally {
    await queue.close();
  }
}

export function startPrSyncWorker(ctx: QueueContext, config: GodwitConfig): Worker {
  const worker = new Worker(
    PR_SYNC_QUEUE,
    async (job) => {
      const { campaignId } = prSyncJobDataSchema.parse(job.data);
      const result = await syncCampaignPullRequests({ redis: ctx.redis, keys: ctx.keys, store: ctx.store, config }, campaignId);
      for (const r of result.records) {
        if (r.state === 'merged' || r.state === 'closed') {
          await settlePrSlot(ctx.redis, ctx.keys, campaignId, r.key, { opened: true, open: false });
        }
      }
      return { campaignId, synced: result.records.length, skipped: result.skipped, counts: result.sample.counts };
    },
    { connection: bullConnection(ctx.url), prefix: ctx.keys.bullPrefix, concurrency: 1 },
  );
  worker.on('error', () => {});
  return worker;
}
