/**
 * A run's own record as the queue keeps it: the RunReport a finished job returned, or — while
 * it runs — its log lines. Readers outside the queue layer (the dashboard's repository page) go
 * through here instead of BullMQ's job hashes.
 */
import type { QueueContext } from './context.js';

export interface RunRecord {
  /** The job's return value (a RunReport, unvalidated), once it finished. */
  report?: unknown;
  /** Its log lines while there is no report yet (the first `logLimit`). */
  logs?: string[];
}

/** Undefined when the job is gone (removed after queue.completedRetentionSeconds). */
export async function readRun(ctx: Pick<QueueContext, 'repoQueue'>, jobId: string, logLimit = 200): Promise<RunRecord | undefined> {
  const job = await ctx.repoQueue.getJob(jobId);
  if (!job) return undefined;
  if (job.returnvalue) return { report: job.returnvalue as unknown };
  return { logs: (await ctx.repoQueue.getJobLogs(jobId, 0, logLimit - 1)).logs };
}
