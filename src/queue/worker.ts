/**
 * A godwit worker: one BullMQ Worker on the `repos` queue (runs the pipeline per repository)
 * and one on the `campaigns` queue (wave gates). Stalled jobs — their worker died and stopped
 * renewing the lock — are moved back to waiting after `queue.stalledIntervalMs` and run again
 * by any live worker; publishing is idempotent, so the re-run updates the same branch and PR.
 */
import { Worker, type Job } from 'bullmq';
import { toGodwitError } from '../errors.js';
import { warmSpawner } from '../process/index.js';
import type { GodwitMetrics } from '../observe/index.js';
import type { RunReport } from '../report/run-report.js';
import { CAMPAIGN_QUEUE, REPO_QUEUE } from './keys.js';
import { createRepoProcessor, type RepoProcessorDeps } from './process-repo.js';
import { createWaveProcessor } from './process-wave.js';
import { repoJobDataSchema } from './schemas.js';
import { setRepoStatus } from './status-writer.js';
import { maybeFinishCampaign } from './campaign-state.js';
import { startPrSyncWorker } from './pr-sync-hook.js';
import { createFollowUpDeps, githubConfigured } from './followup-deps.js';
import { startFollowUpWorker } from './followup-worker.js';

export interface StartWorkerOptions extends RepoProcessorDeps {
  /** Repository jobs run at once by this worker. Default 1. */
  concurrency?: number;
  /** One line per job event (`godwit worker` prints them). */
  onEvent?: (line: string) => void;
  /** Also process the GitHub PR sync jobs. Default: when a GITHUB_TOKEN is configured. */
  prSync?: boolean;
  /** Records every finished job's RunReport (stage and verifier time, tokens, cost, PRs). */
  metrics?: GodwitMetrics;
  /** Also process follow-up jobs (webhooks, polls: CI feedback, commands, rebase, merge). Default: when GitHub is configured. */
  followUps?: boolean;
}

/** Log fields (an input: pino leaves out the undefined ones). */
interface JobFields {
  jobId?: string | undefined;
  campaignId?: string | undefined;
  repo?: string | undefined;
  status?: string | undefined;
}

export interface GodwitWorker {
  readonly repoWorker: Worker;
  readonly campaignWorker: Worker;
  /** Waits for active jobs to finish (force: stop now; their jobs stall and are taken over). */
  close(force?: boolean): Promise<void>;
  /** Resolves once the repository worker is connected and the spawner has started (or could not). */
  waitUntilReady(): Promise<void>;
}

export function startWorker(options: StartWorkerOptions): GodwitWorker {
  const { ctx } = options;
  // Each job starts git about ten times: have the spawner (src/process/spawner.ts) ready for the first.
  const spawnerStarted = warmSpawner().catch(() => undefined);
  const q = ctx.queueConfig;
  const common = {
    prefix: ctx.keys.bullPrefix,
    lockDuration: q.lockDurationMs,
    stalledInterval: q.stalledIntervalMs,
    // A job may stall (its worker died) twice before it is failed for good.
    maxStalledCount: 2,
  };
  const repoWorker = new Worker(REPO_QUEUE, createRepoProcessor(options), { ...common, connection: ctx.connection(), concurrency: options.concurrency ?? 1 });
  const campaignWorker = new Worker(CAMPAIGN_QUEUE, createWaveProcessor(ctx), { ...common, connection: ctx.connection(), concurrency: 1 });
  const onEvent = options.onEvent ?? (() => {});
  // Identical error lines (a Redis that is down fails every poll) are said once per 10 s.
  const lastSaid = new Map<string, number>();
  const sayOnce = (line: string, emit: () => void) => {
    const now = Date.now();
    if (now - (lastSaid.get(line) ?? 0) < 10_000) return;
    lastSaid.set(line, now);
    emit();
  };
  const jobFields = (job: Job): JobFields => {
    const data = job.data as { campaignId?: string; name?: string };
    return { jobId: job.id, campaignId: data.campaignId, repo: data.name };
  };
  const log = options.logger;
  const say = (line: string, fields: JobFields = {}, level: 'info' | 'warn' | 'error' = 'info') => {
    if (log) log[level](fields, line);
    else onEvent(line);
  };

  repoWorker.on('active', (job: Job) => say(`▶ ${job.id} ${(job.data as { name?: string }).name ?? ''}`, jobFields(job)));
  repoWorker.on('completed', (job: Job, report: RunReport) => {
    if (report && typeof report === 'object' && 'stages' in report) options.metrics?.recordReport(report);
    say(`✓ ${job.id} ${report?.status ?? ''}${report?.reason ? ` — ${report.reason}` : ''}`, { ...jobFields(job), status: report?.status });
  });
  repoWorker.on('stalled', (jobId: string) => say(`… ${jobId} stalled; another worker takes it over`, { jobId }, 'warn'));
  // Failed for good (stalled too often, invalid data, a bug): record it as `error`.
  repoWorker.on('failed', (job: Job | undefined, error: Error) => {
    if (!job) return;
    const final = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
    say(`✗ ${job.id} ${final ? 'failed' : 'will retry'}: ${error.message}`, jobFields(job), final ? 'error' : 'warn');
    if (!final) return;
    const data = repoJobDataSchema.safeParse(job.data);
    if (!data.success) return;
    void setRepoStatus(ctx.redis, ctx.keys, data.data.campaignId, data.data.key, { status: 'error', reason: toGodwitError(error).message }, job.id)
      .then(() => maybeFinishCampaign(ctx, data.data.campaignId))
      .catch(() => {});
  });
  const sayError = (line: string) => sayOnce(line, () => (log ? log.error(line) : onEvent(line)));
  repoWorker.on('error', (error) => sayError(`worker error: ${error.message}`));
  campaignWorker.on('error', (error) => sayError(`campaign worker error: ${error.message}`));
  campaignWorker.on('completed', (job: Job, outcome: { action?: string }) =>
    say(`◆ ${job.id} ${outcome?.action ?? ''}`, { jobId: job.id, campaignId: (job.data as { campaignId?: string }).campaignId }),
  );

  const followUpsOn = options.followUps ?? githubConfigured(options.config);
  // A token or an App; the sync then also queues poll follow-ups for the open PRs.
  const prSyncWorker = (options.prSync ?? githubConfigured(options.config)) ? startPrSyncWorker(ctx, options.config, followUpsOn) : undefined;
  const followUpWorker =
    followUpsOn
      ? startFollowUpWorker(ctx, createFollowUpDeps(ctx, options.config, { runJob: options.runJob, loadMigration: options.loadMigration, log: say }))
      : undefined;

  return {
    repoWorker,
    campaignWorker,
    async close(force = false) {
      await Promise.all([repoWorker.close(force), campaignWorker.close(force), prSyncWorker?.close(force), followUpWorker?.close(force)]);
    },
    async waitUntilReady() {
      await Promise.all([repoWorker.waitUntilReady(), spawnerStarted]);
    },
  };
}
