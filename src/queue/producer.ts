/**
 * Producing campaigns: a campaign record plus, per released wave, one BullMQ flow — a wave parent
 * job in the `campaigns` queue whose children are the wave's repository jobs in the `repos`
 * queue. Ids are deterministic (ids.ts), so enqueueing the same campaign twice adds nothing.
 */
import type { JobsOptions } from 'bullmq';
import type { CampaignPolicy } from '../config/github-policy.js';
import type { VerifierOverrides } from '../verify/index.js';
import { GodwitError } from '../errors.js';
import type { QueueContext } from './context.js';
import { campaignIdFor, repoJobId, repoKeyFor, waveJobId } from './ids.js';
import { CAMPAIGN_QUEUE, REPO_QUEUE } from './keys.js';
import {
  repoStatusRecordSchema,
  type CampaignRecord,
  type RepoJobData,
  type RepoStatusRecord,
  type WaveJobData,
} from './schemas.js';
import { createCampaign, setRepoStatus } from './status-writer.js';
import { splitIntoWaves } from './waves.js';
import { schedulePrSync } from './pr-sync-hook.js';

export interface CampaignRepo {
  /** The reference as given (stored in job data; the worker resolves it again). */
  input: string;
  /** Display name. */
  name: string;
  /** Canonical location (absolute path or clone URL): identifies the repository. */
  location: string;
}

export interface EnqueueCampaignInput {
  migration: string;
  repos: CampaignRepo[];
  name?: string;
  /** Max jobs of this campaign running at once across the fleet. */
  concurrency?: number;
  /** Wave sizes (Infinity = all the rest); undefined = one wave. */
  waves?: number[];
  /** Default 0.8. */
  gate?: number;
  dryRun?: boolean;
  install?: boolean;
  /** Campaign-level verifier commands per kind (`false` = off). */
  verifiers?: VerifierOverrides;
  /** Follow-up policy overrides (pullRequests, ci) for this campaign's PRs. */
  policy?: CampaignPolicy;
}

export interface EnqueueResult {
  campaignId: string;
  /** Jobs added now (0 when the campaign existed already). */
  jobs: number;
  created: boolean;
  waves: number;
}

/** Options of every repository job: retries with exponential backoff, age-based retention. */
export function repoJobOptions(ctx: QueueContext, jobId: string): JobsOptions {
  const q = ctx.queueConfig;
  return {
    jobId,
    attempts: q.attempts,
    backoff: { type: 'exponential', delay: q.backoffMs },
    // A child that fails for good must not block its wave: the parent still runs.
    ignoreDependencyOnFailure: true,
    removeOnComplete: { age: q.completedRetentionSeconds },
    removeOnFail: { age: q.completedRetentionSeconds },
  };
}

function jobData(record: CampaignRecord, r: RepoStatusRecord): RepoJobData {
  return {
    campaignId: record.id,
    key: r.key,
    migration: record.migration,
    repo: r.repo,
    name: r.name,
    wave: r.wave,
    dryRun: record.dryRun,
    install: record.install,
    ...(record.verifiers ? { verifiers: record.verifiers } : {}),
  };
}

export async function enqueueCampaign(ctx: QueueContext, input: EnqueueCampaignInput): Promise<EnqueueResult> {
  const seen = new Set<string>();
  const repos = input.repos.filter((r) => (seen.has(r.location) ? false : (seen.add(r.location), true)));
  if (!repos.length) throw new GodwitError('usage', 'No repositories to enqueue', 'Give --repo, --repos FILE, --github-search or --github-org.');
  const campaignId = campaignIdFor(input.migration, repos.map((r) => r.location), input.name);

  const existing = await ctx.store.getCampaign(campaignId);
  if (existing) {
    if (existing.migration !== input.migration) {
      throw new GodwitError('usage', `Campaign "${campaignId}" exists already for migration ${existing.migration}`, 'Choose another --name.');
    }
    return { campaignId, jobs: 0, created: false, waves: existing.waves.length };
  }

  const now = new Date().toISOString();
  const waves = splitIntoWaves(repos, input.waves);
  const statusRecords: RepoStatusRecord[] = [];
  waves.forEach((wave, index) => {
    for (const r of wave) {
      const key = repoKeyFor(r.name, r.location);
      statusRecords.push(
        repoStatusRecordSchema.parse({
          key,
          jobId: repoJobId(campaignId, key),
          repo: r.input,
          name: r.name,
          wave: index,
          status: index === 0 ? 'queued' : 'pending',
          updatedAt: now,
        }),
      );
    }
  });
  const record: CampaignRecord = {
    id: campaignId,
    name: input.name ?? campaignId,
    migration: input.migration,
    createdAt: now,
    updatedAt: now,
    state: 'running',
    total: statusRecords.length,
    gate: input.gate ?? 0.8,
    waves: waves.map((_, index) => ({
      index,
      keys: statusRecords.filter((s) => s.wave === index).map((s) => s.key),
      released: index === 0,
    })),
    ...(input.concurrency ? { concurrency: input.concurrency } : {}),
    dryRun: input.dryRun ?? false,
    install: input.install ?? true,
    ...(input.verifiers && Object.keys(input.verifiers).length ? { verifiers: input.verifiers } : {}),
    ...(input.policy && Object.keys(input.policy).length ? { policy: input.policy } : {}),
  };
  // The record is written first and only once (SET NX): a concurrent enqueue of the same
  // campaign loses here and adds nothing.
  if (!(await createCampaign(ctx.redis, ctx.keys, record, statusRecords))) {
    return { campaignId, jobs: 0, created: false, waves: record.waves.length };
  }
  const jobs = await addWaveFlow(ctx, record, 0, statusRecords.filter((s) => s.wave === 0));
  // GitHub PRs are tracked after they open (state, checks, reviews) by a repeatable sync job.
  if (!record.dryRun && repos.some((r) => /^https?:\/\//.test(r.location))) await schedulePrSync(ctx, campaignId);
  return { campaignId, jobs, created: true, waves: record.waves.length };
}

/**
 * Adds one wave's jobs; idempotent through the job ids. A wave with a next wave is a flow (a
 * parent job that runs once all of them are final and releases or holds the next wave). The
 * last wave — the only one of most campaigns — has nothing to release: its jobs are added with
 * one addBulk and no parent (a flow parent costs BullMQ a dependency record per child and a
 * parent-completion check per finished job), and maybeFinishCampaign records its result.
 */
export async function addWaveFlow(
  ctx: QueueContext,
  record: CampaignRecord,
  wave: number,
  repos: RepoStatusRecord[],
): Promise<number> {
  if (!repos.length) return 0;
  if (wave === record.waves.length - 1) {
    await ctx.repoQueue.addBulk(
      repos.map((r) => {
        const { ignoreDependencyOnFailure: _parentOnly, ...opts } = repoJobOptions(ctx, r.jobId);
        return { name: 'repo', data: jobData(record, r), opts };
      }),
    );
    return repos.length;
  }
  const data: WaveJobData = { campaignId: record.id, wave };
  await ctx.flow.add({
    name: 'wave',
    queueName: CAMPAIGN_QUEUE,
    data,
    opts: {
      jobId: waveJobId(record.id, wave),
      removeOnComplete: { age: ctx.queueConfig.completedRetentionSeconds },
      removeOnFail: { age: ctx.queueConfig.completedRetentionSeconds },
    },
    children: repos.map((r) => ({
      name: 'repo',
      queueName: REPO_QUEUE,
      data: jobData(record, r),
      opts: repoJobOptions(ctx, r.jobId),
    })),
  });
  return repos.length;
}

/** Releases a wave that was held back: its repositories go from `pending` to `queued`. */
export async function releaseWave(ctx: QueueContext, record: CampaignRecord, wave: number): Promise<number> {
  const keys = record.waves[wave]?.keys ?? [];
  if (!keys.length) return 0;
  const raw = await ctx.redis.hmget(ctx.keys.campaignRepos(record.id), ...keys);
  const repos = raw.filter((j): j is string => j !== null).map((j) => repoStatusRecordSchema.parse(JSON.parse(j)));
  const toAdd = repos.filter((r) => r.status === 'pending');
  for (const r of toAdd) await setRepoStatus(ctx.redis, ctx.keys, record.id, r.key, { status: 'queued' });
  return addWaveFlow(ctx, record, wave, toAdd);
}

/** Queues one repository again outside any wave (retry, resume after cancel). */
export async function requeueRepo(ctx: QueueContext, record: CampaignRecord, repo: RepoStatusRecord): Promise<string> {
  const requeues = repo.requeues + 1;
  const jobId = repoJobId(record.id, repo.key, requeues);
  await setRepoStatus(ctx.redis, ctx.keys, record.id, repo.key, {
    status: 'queued',
    jobId,
    requeues,
    attempts: 0,
    stage: null,
    reason: null,
    cancelRequested: null,
  });
  await ctx.repoQueue.add('repo', jobData(record, { ...repo, jobId }), repoJobOptions(ctx, jobId));
  return jobId;
}
