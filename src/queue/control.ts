/**
 * Operator actions on a campaign: cancel (remove waiting/delayed jobs, let active ones finish and
 * mark them), resume (release the next wave of a paused campaign anyway; re-queue what a cancel
 * removed) and retry (re-queue repositories that ended `failed` and/or `error`).
 */
import { GodwitError } from '../errors.js';
import type { QueueContext } from './context.js';
import { releaseWave, requeueRepo } from './producer.js';
import { TERMINAL_STATUSES, type CampaignRecord, type RepoStatus } from './schemas.js';
import { setRepoStatus, updateCampaign } from './status-writer.js';

export interface CancelResult {
  /** Jobs removed before they ran (or never released). */
  removed: number;
  /** Jobs running now; they finish and are marked. */
  active: number;
}

export async function cancelCampaign(ctx: QueueContext, campaignId: string): Promise<CancelResult> {
  await ctx.store.requireCampaign(campaignId);
  await updateCampaign(ctx.redis, ctx.keys, campaignId, (r) => ({ ...r, state: 'cancelled', reason: 'cancelled by an operator' }));
  const { repos } = await ctx.store.getCampaignRepos(campaignId, {
    status: ['pending', 'queued', 'rate-limited', 'retrying', 'running'],
    limit: Number.MAX_SAFE_INTEGER,
  });
  let removed = 0;
  let active = 0;
  for (const repo of repos) {
    const cancelled = { status: 'cancelled' as const, reason: 'cancelled by an operator' };
    if (repo.status === 'pending') {
      await setRepoStatus(ctx.redis, ctx.keys, campaignId, repo.key, cancelled);
      removed++;
      continue;
    }
    const job = await ctx.repoQueue.getJob(repo.jobId);
    const state = job ? await job.getState() : 'unknown';
    if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children')) {
      try {
        await job.remove();
        await setRepoStatus(ctx.redis, ctx.keys, campaignId, repo.key, cancelled, repo.jobId);
        removed++;
        continue;
      } catch {
        // Taken by a worker between getState and remove: it is active now.
      }
    }
    if (state === 'unknown' || state === 'completed' || state === 'failed') continue;
    await setRepoStatus(ctx.redis, ctx.keys, campaignId, repo.key, { cancelRequested: true }, repo.jobId);
    active++;
  }
  return { removed, active };
}

export interface ResumeResult {
  /** Index (0-based) of the wave released, when one was. */
  releasedWave?: number;
  jobs: number;
}

export async function resumeCampaign(ctx: QueueContext, campaignId: string): Promise<ResumeResult> {
  let releasedWave: number | undefined;
  let jobs = 0;
  let requeue: CampaignRecord | undefined;
  await updateCampaign(ctx.redis, ctx.keys, campaignId, async (record) => {
    if (record.state === 'cancelled') {
      requeue = { ...record, state: 'running', reason: undefined };
      return requeue;
    }
    const next = record.waves.find((w) => !w.released);
    if (!next) return record.state === 'paused' ? { ...record, state: 'running', reason: undefined } : undefined;
    const updated: CampaignRecord = {
      ...record,
      state: 'running',
      reason: undefined,
      waves: record.waves.map((w) => (w.index === next.index ? { ...w, released: true } : w)),
    };
    jobs = await releaseWave(ctx, updated, next.index);
    releasedWave = next.index;
    return updated;
  });
  if (requeue) jobs = await requeueByStatus(ctx, requeue, ['cancelled']);
  return { ...(releasedWave === undefined ? {} : { releasedWave }), jobs };
}

export async function retryCampaign(ctx: QueueContext, campaignId: string, statuses: RepoStatus[]): Promise<number> {
  const record = await updateCampaign(ctx.redis, ctx.keys, campaignId, (r) =>
    r.state === 'done' ? { ...r, state: 'running', reason: undefined } : undefined,
  );
  return requeueByStatus(ctx, record, statuses);
}

async function requeueByStatus(ctx: QueueContext, record: CampaignRecord, statuses: RepoStatus[]): Promise<number> {
  const { repos } = await ctx.store.getCampaignRepos(record.id, { status: statuses, limit: Number.MAX_SAFE_INTEGER });
  for (const repo of repos) await requeueRepo(ctx, record, repo);
  return repos.length;
}

/** Re-queues one repository of a campaign whatever it ended in (dashboard "retry" button). */
export async function retryRepo(ctx: QueueContext, campaignId: string, key: string): Promise<string> {
  const repo = await ctx.store.getRepo(campaignId, key);
  if (!repo) {
    throw new GodwitError('usage', `Campaign ${campaignId} has no repository "${key}"`, `Run \`godwit status ${campaignId}\` to list its repositories.`);
  }
  if (!TERMINAL_STATUSES.has(repo.status)) {
    throw new GodwitError('usage', `${repo.name} is ${repo.status}, not finished`, 'Retry it once it finished, or cancel the campaign first.');
  }
  if (repo.status === 'skipped') {
    throw new GodwitError('usage', `${repo.name} was skipped: ${repo.reason ?? 'a maintainer closed its PR'}`, 'A skipped repository is left alone on purpose; start a new campaign to include it again.');
  }
  const record = await updateCampaign(ctx.redis, ctx.keys, campaignId, (r) =>
    r.state === 'done' ? { ...r, state: 'running', reason: undefined } : undefined,
  );
  return requeueRepo(ctx, record, repo);
}
