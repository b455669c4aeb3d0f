/** Campaign-level transitions that follow from repository results. */
import type { QueueContext } from './context.js';
import { LIVE_STATUSES } from './schemas.js';
import { updateCampaign } from './status-writer.js';

/**
 * Marks a running campaign `done` once no repository is pending, queued or running. `live` is
 * that number when the caller has it already (writeRepoStatus returns it): no read then.
 */
export async function maybeFinishCampaign(ctx: QueueContext, campaignId: string, live?: number): Promise<void> {
  if (live !== undefined && live > 0) return;
  if (live === undefined) {
    const counts = await ctx.store.getCounts(campaignId);
    if (LIVE_STATUSES.some((s) => (counts[s] ?? 0) > 0)) return;
  }
  await updateCampaign(ctx.redis, ctx.keys, campaignId, (record) =>
    record.state === 'running' ? { ...record, state: 'done', reason: undefined } : undefined,
  );
}
