/** Campaign-level transitions that follow from repository results. */
import type { QueueContext } from './context.js';
import { LIVE_STATUSES } from './schemas.js';
import { updateCampaign } from './status-writer.js';

/** Marks a running campaign `done` once no repository is pending, queued or running. */
export async function maybeFinishCampaign(ctx: QueueContext, campaignId: string): Promise<void> {
  const counts = await ctx.store.getCounts(campaignId);
  if (LIVE_STATUSES.some((s) => (counts[s] ?? 0) > 0)) return;
  await updateCampaign(ctx.redis, ctx.keys, campaignId, (record) =>
    record.state === 'running' ? { ...record, state: 'done', reason: undefined } : undefined,
  );
}
