/**
 * The follow-up worker: processes FOLLOWUP_QUEUE jobs with src/followup's handler. Jobs for
 * the same PR run one at a time (a Redis lock per PR), so that a CI round and a command never
 * work on one branch at once; a job that finds the PR locked is delayed and retried.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from './connection.js';
import { handleTrigger, type FollowUpOutcome } from './followup/handle.js';
import type { FollowUpDeps } from './followup/types.js';
import type { QueueContext } from './context.js';
import { FOLLOWUP_QUEUE, followUpJobDataSchema } from './followup-queue.js';
import type { QueueKeys } from './keys.js';

const LOCK_MS = 30 * 60_000;

function lockKey(keys: QueueKeys, repo: string, number: number): string {
  return `${keys.bullPrefix}:followup-lock:${repo.toLowerCase()}#${number}`;
}

async function withPrLock<T>(redis: Redis, key: string, fn: () => Promise<T>): Promise<T | undefined> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return undefined;
  try {
    return await fn();
  } finally {
    await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end", 1, key, token).catch(() => {});
  }
}

export function createFollowUpProcessor(ctx: Pick<QueueContext, 'redis' | 'keys'>, deps: FollowUpDeps) {
  return async (job: Job, token?: string): Promise<FollowUpOutcome> => {
    const parsed = followUpJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid follow-up job data: ${parsed.error.message}`);
    const { trigger } = parsed.data;
    const result = await withPrLock(ctx.redis, lockKey(ctx.keys, trigger.repo, trigger.number), () => handleTrigger(deps, trigger));
    if (result === undefined) {
      await job.moveToDelayed(Date.now() + 5_000 + Math.floor(Math.random() * 5_000), token);
      throw new DelayedError();
    }
    return result;
  };
}

export function startFollowUpWorker(ctx: QueueContext, deps: FollowUpDeps, concurrency = 2): Worker {
  const worker = new Worker(FOLLOWUP_QUEUE, createFollowUpProcessor(ctx, deps), {
    connection: ctx.connection(),
    prefix: ctx.keys.bullPrefix,
    concurrency,
    lockDuration: ctx.queueConfig.lockDurationMs,
    stalledInterval: ctx.queueConfig.stalledIntervalMs,
  });
  worker.on('error', (error) => deps.log?.(`follow-up worker error: ${error.message}`));
  worker.on('completed', (job: Job, out: FollowUpOutcome) =>
    deps.log?.(`↻ ${job.id} ${out.repo}#${out.number}: ${out.ignored ?? [out.command && `command ${out.command.command} ${out.command.outcome}`, out.ci && `ci ${out.ci.action}`, out.rebase && `rebase ${out.rebase.action}`, out.merge && `merge ${out.merge.state}`].filter(Boolean).join(', ')}`),
  );
  return worker;
}
