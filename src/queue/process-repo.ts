/**
 * The processor of one repository job: validate the job data, honour cancel and the limits,
 * run the pipeline (injected — tests and benches pass a no-op), record progress, decide between
 * a BullMQ retry (infrastructure error with attempts left) and a final result.
 *
 * The `running` write is not awaited: it goes ahead of every later write of the job on the same
 * connection (Redis runs one connection's commands in order), so the final write lands after it
 * without the job waiting a round trip for it (no-op queue throughput, issue 17). When Redis is
 * away it fails; the final write waits Redis out (whenRedisAnswers) and wins anyway.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { LoadedMigration } from '../catalog/definition.js';
import { effectivePolicy } from '../config/github-policy.js';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError, toGodwitError } from '../errors.js';
import type { Forge } from '../forge/types.js';
import type { Logger } from '../observe/index.js';
import type { RunJob } from '../pipeline/types.js';
import type { RunReport } from '../report/run-report.js';
import type { QueueContext } from './context.js';
import { createLlmLimiter, leaseSemaphore, reservePrSlot, settlePrSlot } from './limits.js';
import { repoJobDataSchema, type CampaignRecord, type JobProgress, type RepoJobData } from './schemas.js';
import { whenRedisAnswers } from './redis-retry.js';
import { setRepoStatus, writeRepoStatus } from './status-writer.js';
import { syntheticReport } from './synthetic-report.js';
import { maybeFinishCampaign } from './campaign-state.js';

export interface RepoProcessorDeps {
  ctx: QueueContext;
  config: GodwitConfig;
  runJob: RunJob;
  loadMigration: (id: string) => Promise<LoadedMigration>;
  /** Override the forge (tests); chosen from the reference otherwise. */
  forge?: Forge;
  /** Service log: a line per stage with campaignId, repo, jobId and stage. */
  logger?: Logger;
}

/** PR actions after which the campaign has an open PR for this repository. */
const OPEN_ACTIONS = new Set(['created', 'updated', 'unchanged', 'reopened', 'pushed']);

function errorCodeIsRetryable(code: string | undefined): boolean {
  return code !== undefined && new GodwitError(code as GodwitError['code'], '').retryable;
}

export function createRepoProcessor(deps: RepoProcessorDeps) {
  const { ctx } = deps;
  const store = ctx.store;
  // The campaign record holds every repository key (waves): reading and validating it for each
  // job would make a campaign O(n²). A one-second cache per worker is fresh enough — cancel
  // removes waiting jobs itself; this check only catches the ones already picked up.
  const campaigns = new Map<string, { at: number; record: Promise<CampaignRecord | undefined> }>();
  const getCampaign = (id: string) => {
    const hit = campaigns.get(id);
    if (hit && Date.now() - hit.at < 1000) return hit.record;
    const record = store.getCampaign(id);
    campaigns.set(id, { at: Date.now(), record });
    return record;
  };
  // One fleet-wide cap on concurrent LLM requests (config.limits.llmConcurrency); leases outlive
  // an LLM request timeout so a crashed worker's slots free themselves.
  const llm = createLlmLimiter(ctx.redis, ctx.keys, {
    limit: deps.config.limits.llmConcurrency,
    leaseMs: deps.config.llm.timeoutMs + 60_000,
  });

  return async function processRepoJob(job: Job, token?: string, signal?: AbortSignal): Promise<RunReport> {
    const parsed = repoJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid job data: ${parsed.error.message}`);
    const data: RepoJobData = parsed.data;
    const jobId = job.id!;
    const set = (patch: Parameters<typeof setRepoStatus>[4]) =>
      setRepoStatus(ctx.redis, ctx.keys, data.campaignId, data.key, patch, jobId);
    const base = { runId: jobId, migration: data.migration, repo: data.repo, name: data.name };
    const log = deps.logger?.child({ campaignId: data.campaignId, repo: data.name, jobId });

    const campaign = await getCampaign(data.campaignId);
    if (!campaign || campaign.state === 'cancelled') {
      await set({ status: 'cancelled', reason: campaign ? 'campaign cancelled' : 'campaign removed' });
      await maybeFinishCampaign(ctx, data.campaignId);
      return syntheticReport({ ...base, status: 'cancelled', reason: 'The campaign was cancelled before this job ran.' });
    }

    // Per-campaign concurrency (--concurrency): a lease per running job, renewed while it runs.
    const slots = leaseSemaphore(ctx.redis, ctx.keys.campaignSlots(data.campaignId));
    const leaseMs = ctx.queueConfig.lockDurationMs * 2;
    if (campaign.concurrency && !(await slots.tryAcquire(jobId, campaign.concurrency, leaseMs))) {
      await set({ status: 'queued' });
      await job.moveToDelayed(Date.now() + 500 + Math.floor(Math.random() * 500), token);
      throw new DelayedError();
    }
    const renew = campaign.concurrency
      ? setInterval(() => void slots.tryAcquire(jobId, campaign.concurrency!, leaseMs).catch(() => {}), leaseMs / 3)
      : undefined;

    try {
      if (!data.dryRun) {
        const wait = await reservePrSlot(ctx.redis, ctx.keys, data.campaignId, data.key, deps.config.limits);
        if (wait > 0) {
          await set({ status: 'rate-limited', reason: `PR limit reached; waiting ${Math.ceil(wait / 1000)}s` });
          await job.moveToDelayed(Date.now() + wait, token);
          throw new DelayedError();
        }
      }

      void set({ status: 'running', attempts: job.attemptsMade + 1, reason: null }).catch(() => {}); // not awaited (header)
      const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      const started = new Date();
      let report: RunReport;
      try {
        const migration = await deps.loadMigration(data.migration);
        report = await deps.runJob({
          migration,
          repo: data.repo,
          // The campaign's follow-up policy (enqueue --policy) also shapes the PR it opens: reviewers, labels, draft.
          config: campaign.policy ? { ...deps.config, ...effectivePolicy(deps.config, campaign.policy) } : deps.config,
          runId: jobId,
          dryRun: data.dryRun,
          install: data.install,
          ...(data.verifiers ? { verifiers: data.verifiers } : {}),
          ...(deps.forge ? { forge: deps.forge } : {}),
          ...(signal ? { signal } : {}),
          llmLimiter: () => llm.acquire(signal),
          onStage: (event) => {
            const progress: JobProgress = { ...event };
            void job.updateProgress(progress).catch(() => {});
            void job.log(`${event.stage} ${event.phase}${event.status ? ` ${event.status}` : ''}${event.summary ? `: ${event.summary}` : ''}`).catch(() => {});
            if (event.phase === 'start') void set({ stage: event.stage }).catch(() => {});
            log?.[event.phase === 'start' ? 'debug' : 'info'](
              { stage: event.stage, phase: event.phase, ...(event.status ? { status: event.status } : {}) },
              `${event.stage} ${event.phase}${event.status ? ` ${event.status}` : ''}${event.summary ? `: ${event.summary}` : ''}`,
            );
          },
          onLog: (line) => void job.log(`[${line.level}]${line.stage ? ` ${line.stage}:` : ''} ${line.message}`).catch(() => {}),
        });
      } catch (error) {
        const e = toGodwitError(error);
        if (e.retryable && attemptsLeft) {
          await set({ status: 'retrying', reason: e.message });
          throw e;
        }
        report = syntheticReport({ ...base, status: 'error', reason: e.message, error: e, startedAt: started });
      }

      if (report.status === 'error' && errorCodeIsRetryable(report.error?.code) && attemptsLeft) {
        await set({ status: 'retrying', reason: report.reason });
        throw new GodwitError(report.error!.code as GodwitError['code'], report.reason);
      }

      if (!data.dryRun) {
        const open = report.pr !== undefined && OPEN_ACTIONS.has(report.pr.action) && report.pr.state !== 'merged' && report.pr.state !== 'closed';
        await whenRedisAnswers(() => settlePrSlot(ctx.redis, ctx.keys, data.campaignId, data.key, { opened: open && report.pr?.action === 'created', open }));
      }
      // The run is over (and may have published): its bookkeeping waits out a Redis restart
      // rather than failing the job, whose retry would run — and publish — everything again.
      // One round trip: the final record (with a note when its cancel came too late) and the
      // number of repositories still live, which says whether the campaign may be done.
      const written = await whenRedisAnswers(() =>
        writeRepoStatus(
          ctx.redis,
          ctx.keys,
          data.campaignId,
          data.key,
          {
            status: report.status,
            reason: report.reason,
            stage: report.stages.at(-1)?.name ?? null,
            durationMs: report.durationMs,
            // The read model (dashboard, status, metrics) shows these without the job's report.
            iterations: report.agent?.iterations.length ?? null,
            tokens: report.usage.totalTokens,
            costUsd: report.usage.costUsd,
            pr: report.pr ? { action: report.pr.action, url: report.pr.url, number: report.pr.number, state: report.pr.state, branch: report.pr.branch } : null,
          },
          { expectJobId: jobId, cancelledSuffix: ' (finished after the campaign was cancelled)' },
        ),
      );
      await whenRedisAnswers(() => maybeFinishCampaign(ctx, data.campaignId, written.live));
      return report;
    } finally {
      if (renew) clearInterval(renew);
      if (campaign.concurrency) await slots.release(jobId).catch(() => {});
    }
  };
}
