/**
 * A godwit worker: one BullMQ Worker on the `repos` queue (runs the pipeline per repository)
 * and one on the `campaigns` queue (wave gates). Stalled jobs — their worker died and stopped
 * renewing the lock — are moved back to waiting after `queue.stalledIntervalMs` and run again
 * by any live worker; publishing is idempotent, so the re-run updates the same branch and PR.
 */
import { Worker, type Job } from 'bullmq';
import { toGodwitError } from '../errors.js';
import { bullConnection } from './connection.js';
import { CAMPAIGN_QUEUE, REPO_QUEUE } from './keys.js';
import { createRepoProcessor, type RepoProcessorDeps } from './process-repo.js';
import { createWaveProcessor } from './process-wave.js';
import { repoJobDataSchema } from './schemas.js';
import { setRepoStatus } from './status-writer.js';
import { maybeFinishCampaign } from './campaign-state.js';
import { startPrSyncWorker } from './pr-sync-hook.js';

export interface StartWorkerOptions extends RepoProcessorDeps {
  /** Repository jobs run at once by this worker. Default 1. */
  concurrency?: number;
  /** One line per job event (`godwit worker` prints them). */
  onEvent?: (line: string) => void;
  /** Also process the GitHub PR sync jobs. Default: when a GITHUB_TOKEN is configured. */
  prSync?: boolean;
}

export interface GodwitWorker {
  readonly repoWorker: Worker;
  readonly campaignWorker: Worker;
  /** Waits for active jobs to finish (force: stop now; their jobs stall and are taken over). */
  close(force?: boolean): Promise<void>;
}

export function startWorker(options: StartWorkerOptions): GodwitWorker {
  const { ctx } = options;
  const q = ctx.queueConfig;
  const connection = bullConnection(ctx.url);
  const common = {
    connection,
    prefix: ctx.keys.bullPrefix,
    lockDuration: q.lockDurationMs,
    stalledInterval: q.stalledIntervalMs,
    // A job may stall (its worker died) twice before it is failed for good.
    maxStalledCount: 2,
  };
  const repoWorker = new Worker(REPO_QUEUE, createRepoProcessor(options), { ...common, concurrency: options.concurrency ?? 1 });
  const campaignWorker = new Worker(CAMPAIGN_QUEUE, createWaveProcessor(ctx), { ...common, concurrency: 1 });
  const say = options.onEvent ?? (() => {});

  repoWorker.on('active', (job: Job) => say(`▶ ${job.id} ${(job.data as { name?: string }).name ?? ''}`));
  repoWorker.on('completed', (job: Job, report: { status?: string; reason?: string }) =>
    say(`✓ ${job.id} ${report?.status ?? ''}${report?.reason ? ` — ${report.reason}` : ''}`),
  );
  repoWorker.on('stalled', (jobId: string) => say(`… ${jobId} stalled; another worker takes it over`));
  // Failed for good (stalled too often, invalid data, a bug): record it as `error`.
  repoWorker.on('failed', (job: Job | undefined, error: Error) => {
    if (!job) return;
    const final = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
    say(`✗ ${job.id} ${final ? 'failed' : 'will retry'}: ${error.message}`);
    if (!final) return;
    const data = repoJobDataSchema.safeParse(job.data);
    if (!data.success) return;
    void setRepoStatus(ctx.redis, ctx.keys, data.data.campaignId, data.data.key, { status: 'error', reason: toGodwitError(error).message }, job.id)
      .then(() => maybeFinishCampaign(ctx, data.data.campaignId))
      .catch(() => {});
  });
  repoWorker.on('error', (error) => say(`worker error: ${error.message}`));
  campaignWorker.on('error', (error) => say(`campaign worker error: ${error.message}`));
  campaignWorker.on('completed', (job: Job, outcome: { action?: string }) => say(`◆ ${job.id} ${outcome?.action ?? ''}`));

  const prSyncWorker = (options.prSync ?? Boolean(options.config.github.token)) ? startPrSyncWorker(ctx, options.config) : undefined;

  return {
    repoWorker,
    campaignWorker,
    async close(force = false) {
      await Promise.all([repoWorker.close(force), campaignWorker.close(force), prSyncWorker?.close(force)]);
    },
  };
}
