/**
 * The processor of a wave parent job: BullMQ runs it once every repository job of the wave has
 * finished. It records the wave's verified rate and either releases the next wave or pauses the
 * campaign with the reason (a later `godwit resume` releases it anyway).
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueContext } from './context.js';
import { releaseWave } from './producer.js';
import { repoStatusRecordSchema, waveJobDataSchema, type CampaignRecord } from './schemas.js';
import { updateCampaign } from './status-writer.js';
import { waveResult, type WaveResult } from './waves.js';
import { maybeFinishCampaign } from './campaign-state.js';

export interface WaveOutcome extends WaveResult {
  wave: number;
  action: 'released-next' | 'paused' | 'last-wave' | 'cancelled' | 'already-handled';
}

export function createWaveProcessor(ctx: QueueContext) {
  return async function processWaveJob(job: Job): Promise<WaveOutcome> {
    const parsed = waveJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid wave job data: ${parsed.error.message}`);
    const { campaignId, wave } = parsed.data;

    const campaign = await ctx.store.requireCampaign(campaignId);
    const keys = campaign.waves[wave]?.keys ?? [];
    const raw = keys.length ? await ctx.redis.hmget(ctx.keys.campaignRepos(campaignId), ...keys) : [];
    const result = waveResult(raw.filter((j): j is string => j !== null).map((j) => repoStatusRecordSchema.parse(JSON.parse(j))));
    let action: WaveOutcome['action'] = 'already-handled';

    await updateCampaign(ctx.redis, ctx.keys, campaignId, async (record): Promise<CampaignRecord | undefined> => {
      const current = record.waves[wave];
      if (!current || current.result) return undefined;
      const waves = record.waves.map((w) =>
        w.index === wave ? { ...w, result: { ...result, finishedAt: new Date().toISOString() } } : w,
      );
      const next = waves[wave + 1];
      if (record.state === 'cancelled') {
        action = 'cancelled';
        return { ...record, waves };
      }
      if (!next) {
        action = 'last-wave';
        return { ...record, waves };
      }
      if (result.rate >= record.gate) {
        action = 'released-next';
        const updated = { ...record, waves: waves.map((w) => (w.index === next.index ? { ...w, released: true } : w)) };
        await releaseWave(ctx, updated, next.index);
        return updated;
      }
      action = 'paused';
      const pct = (n: number) => `${Math.round(n * 100)}%`;
      return {
        ...record,
        waves,
        state: 'paused',
        reason: `wave ${wave + 1} verified ${result.verified}/${result.applicable} (${pct(result.rate)}), below the gate of ${pct(record.gate)}; run \`godwit resume ${campaignId}\` to release wave ${wave + 2} anyway`,
      };
    });
    await maybeFinishCampaign(ctx, campaignId);
    return { wave, ...result, action };
  };
}
