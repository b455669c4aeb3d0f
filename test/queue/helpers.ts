/** Shared setup for queue tests: a queue context on an isolated namespace, a scripted pipeline. */
import type { Job } from 'bullmq';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import type { RunJob, RunJobOptions } from '../../src/pipeline/types.js';
import type { RunStatus } from '../../src/report/run-report.js';
import { openQueueContext, type QueueContext } from '../../src/queue/context.js';
import type { CampaignRepo } from '../../src/queue/producer.js';
import { LIVE_STATUSES } from '../../src/queue/schemas.js';
import { syntheticReport } from '../../src/queue/synthetic-report.js';
import type { TestRedis } from '../support/redis.js';

export function fastQueueConfig(overrides: Record<string, unknown> = {}): GodwitConfig {
  return configSchema.parse({
    queue: { attempts: 3, backoffMs: 50, stalledIntervalMs: 1000, lockDurationMs: 1000, completedRetentionSeconds: 3600 },
    ...overrides,
  });
}

export function openTestContext(redis: TestRedis, config: GodwitConfig = fastQueueConfig()): Promise<QueueContext> {
  return openQueueContext({ url: redis.url, namespace: redis.namespace, config });
}

export function fakeRepos(names: string[]): CampaignRepo[] {
  return names.map((name) => ({ input: `/fake/${name}`, name, location: `/fake/${name}` }));
}

export const fakeMigration = (id: string): Promise<LoadedMigration> =>
  Promise.resolve({
    definition: { id, title: id } as LoadedMigration['definition'],
    dir: undefined,
    promptText: undefined,
    branch: `godwit/${id}`,
  });

/**
 * A pipeline that decides the outcome from the repository name: `fail-*` → failed, `na-*` →
 * not-applicable, anything else → verified. `hold` lets a test keep jobs running.
 */
export function scriptedRunJob(options: { hold?: Promise<void>; calls?: RunJobOptions[]; delayMs?: number } = {}): RunJob {
  return async (opts) => {
    options.calls?.push(opts);
    opts.onStage?.({ stage: 'prepare', phase: 'start' });
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    await options.hold;
    const name = opts.repo.split('/').at(-1)!;
    const status: RunStatus = name.startsWith('fail') ? 'failed' : name.startsWith('na') ? 'not-applicable' : 'verified';
    opts.onStage?.({ stage: 'prepare', phase: 'end', status: 'ok' });
    const report = syntheticReport({ runId: opts.runId ?? 'x', migration: opts.migration.definition.id, repo: opts.repo, name, status, reason: status });
    return status === 'verified' ? { ...report, pr: { action: 'created', branch: 'godwit/x', state: 'open', url: `local:${name}` } } : report;
  };
}

/** Resolves once the campaign has no pending/queued/running repositories (or throws after timeoutMs). */
export async function waitForCampaign(
  ctx: QueueContext,
  campaignId: string,
  until: (counts: Record<string, number>) => boolean = (c) => LIVE_STATUSES.every((s) => !c[s]),
  timeoutMs = 30_000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = (await ctx.store.getCounts(campaignId)) as Record<string, number>;
    if (until(counts)) return counts;
    if (Date.now() > deadline) throw new Error(`campaign ${campaignId} did not settle: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A finished job with its return value. The status record is written just before BullMQ moves
 * the job to completed, so a test that saw the campaign settle waits here for the job itself.
 */
export async function completedJob(ctx: QueueContext, jobId: string, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await ctx.repoQueue.getJob(jobId);
    // Fetched again once completed: the copy read while it was active has no return value.
    if (job && (await job.getState()) === 'completed') return (await ctx.repoQueue.getJob(jobId)) ?? job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not complete (state ${await job?.getState()})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
