/**
 * Wires the GitHub PR sync (pr-sync-job.ts) into the fleet: campaigns with GitHub repositories
 * get a repeatable sync job (every 10 minutes by default), and workers run it with
 * `createPrSyncProcessor` when they have a GITHUB_TOKEN or an App — and, where the worker
 * also runs follow-ups, queue a poll follow-up per open PR.
 */
import { Queue, Worker } from 'bullmq';
import type { GodwitConfig } from '../config/schema.js';
import type { QueueContext } from './context.js';
import { createFollowUpEnqueuer } from './followup-queue.js';
import { PR_SYNC_JOB, PR_SYNC_QUEUE, createPrSyncProcessor } from './pr-sync-job.js';

export const PR_SYNC_EVERY_MS = 10 * 60_000;

export async function schedulePrSync(ctx: QueueContext, campaignId: string, everyMs = PR_SYNC_EVERY_MS): Promise<void> {
  const queue = new Queue(PR_SYNC_QUEUE, { connection: ctx.connection(), prefix: ctx.keys.bullPrefix });
  queue.on('error', () => {});
  try {
    await queue.upsertJobScheduler(`pr-sync.${campaignId}`, { every: everyMs }, { name: PR_SYNC_JOB, data: { campaignId } });
  } finally {
    await queue.close();
  }
}

export function startPrSyncWorker(ctx: QueueContext, config: GodwitConfig, followUps = false): Worker {
  const enqueuer = followUps ? createFollowUpEnqueuer(ctx.url, ctx.keys) : undefined;
  const worker = new Worker(
    PR_SYNC_QUEUE,
    createPrSyncProcessor({ redis: ctx.redis, keys: ctx.keys, store: ctx.store, config, ...(enqueuer ? { followUps: enqueuer } : {}) }),
    { connection: ctx.connection(), prefix: ctx.keys.bullPrefix, concurrency: 1 },
  );
  worker.on('error', () => {});
  worker.on('closed', () => void enqueuer?.close());
  return worker;
}
