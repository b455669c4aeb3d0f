/** Campaign-level transitions that follow from repository results. */
import type { QueueContext } from './context.js';
import { LIVE_STATUSES, repoStatusRecordSchema, type CampaignRecord } from './schemas.js';
import { updateCampaign } from './status-writer.js';
import { waveResult } from './waves.js';

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
  await updateCampaign(ctx.redis, ctx.keys, campaignId, async (record) => {
    // The last wave has no parent job (producer.ts addWaveFlow): its result is recorded here.
    const last = record.waves.at(-1);
    const waves = last && last.released && !last.result ? await withLastWaveResult(ctx, record) : record.waves;
    if (record.state === 'running') return { ...record, waves, state: 'done', reason: undefined };
    return waves === record.waves ? undefined : { ...record, waves };
  });
}

async function withLastWaveResult(ctx: QueueContext, record: CampaignRecord): Promise<CampaignRecord['waves']> {
  const last = record.waves.at(-1)!;
  const raw = last.keys.length ? await ctx.redis.hmget(ctx.keys.campaignRepos(record.id), ...last.keys) : [];
  const result = waveResult(raw.filter((j): j is string => j !== null).map((j) => repoStatusRecordSchema.parse(JSON.parse(j))));
  return record.waves.map((w) => (w.index === last.index ? { ...w, result: { ...result, finishedAt: new Date().toISOString() } } : w));
}
