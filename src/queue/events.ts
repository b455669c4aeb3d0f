/**
 * A live event stream over BullMQ's QueueEvents: job state changes and stage progress of
 * repository jobs, optionally for one campaign only. Part of the queue layer's public surface
 * (index.ts); the worker tests watch jobs through it. `subscribeQueueChanges` is the coarser
 * stream the dashboard listens to (any state change of repository and wave jobs).
 */
import { QueueEvents } from 'bullmq';
import { campaignOfJobId } from './ids.js';
import { CAMPAIGN_QUEUE, REPO_QUEUE } from './keys.js';
import type { QueueContext } from './context.js';

export type CampaignEvent =
  | { type: 'active' | 'waiting' | 'stalled' | 'removed'; campaignId: string; jobId: string }
  | { type: 'progress'; campaignId: string; jobId: string; progress: unknown }
  | { type: 'completed'; campaignId: string; jobId: string; status?: string }
  | { type: 'failed'; campaignId: string; jobId: string; reason: string }
  | { type: 'delayed'; campaignId: string; jobId: string; until: number };

export interface EventSubscription {
  /** Resolves once the stream is connected (events before that are missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function subscribeCampaignEvents(
  ctx: QueueContext,
  listener: (event: CampaignEvent) => void,
  campaignId?: string,
): EventSubscription {
  const events = new QueueEvents(REPO_QUEUE, { connection: ctx.connection(), prefix: ctx.keys.bullPrefix });
  events.on('error', () => {});
  const emit = (jobId: string, make: (campaignId: string) => CampaignEvent) => {
    const owner = campaignOfJobId(jobId);
    if (!campaignId || owner === campaignId) listener(make(owner));
  };
  events.on('active', ({ jobId }) => emit(jobId, (c) => ({ type: 'active', campaignId: c, jobId })));
  events.on('waiting', ({ jobId }) => emit(jobId, (c) => ({ type: 'waiting', campaignId: c, jobId })));
  events.on('stalled', ({ jobId }) => emit(jobId, (c) => ({ type: 'stalled', campaignId: c, jobId })));
  events.on('removed', ({ jobId }) => emit(jobId, (c) => ({ type: 'removed', campaignId: c, jobId })));
  events.on('progress', ({ jobId, data }) => emit(jobId, (c) => ({ type: 'progress', campaignId: c, jobId, progress: data })));
  events.on('delayed', ({ jobId, delay }) => emit(jobId, (c) => ({ type: 'delayed', campaignId: c, jobId, until: Number(delay) })));
  events.on('failed', ({ jobId, failedReason }) => emit(jobId, (c) => ({ type: 'failed', campaignId: c, jobId, reason: failedReason })));
  events.on('completed', ({ jobId, returnvalue }) =>
    emit(jobId, (c) => {
      let status: string | undefined;
      try {
        const value: unknown = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
        status = (value as { status?: string } | null)?.status;
      } catch {
        /* not JSON */
      }
      return { type: 'completed', campaignId: c, jobId, ...(status ? { status } : {}) };
    }),
  );
  return {
    ready: events.waitUntilReady().then(() => undefined),
    close: () => events.close(),
  };
}

const REPO_CHANGES = ['added', 'waiting', 'active', 'progress', 'completed', 'failed', 'delayed', 'removed'] as const;
const WAVE_CHANGES = ['completed', 'failed', 'waiting', 'active'] as const;

/** A state change of a repository job or a wave job (its id says which campaign). */
export interface QueueChange {
  queue: 'repo' | 'wave';
  jobId: string;
  state: string;
}

/** Every state change on the repository and wave queues, for live views. */
export function subscribeQueueChanges(ctx: QueueContext, listener: (change: QueueChange) => void): EventSubscription {
  const repoEvents = new QueueEvents(REPO_QUEUE, { connection: ctx.connection(), prefix: ctx.keys.bullPrefix });
  const waveEvents = new QueueEvents(CAMPAIGN_QUEUE, { connection: ctx.connection(), prefix: ctx.keys.bullPrefix });
  repoEvents.on('error', () => {});
  waveEvents.on('error', () => {});
  for (const state of REPO_CHANGES) repoEvents.on(state, ((args: { jobId: string }) => listener({ queue: 'repo', jobId: args.jobId, state })) as never);
  for (const state of WAVE_CHANGES) waveEvents.on(state, ((args: { jobId: string }) => listener({ queue: 'wave', jobId: args.jobId, state })) as never);
  return {
    ready: Promise.all([repoEvents.waitUntilReady(), waveEvents.waitUntilReady()]).then(() => undefined),
    close: async () => {
      await Promise.allSettled([repoEvents.close(), waveEvents.close()]);
    },
  };
}
