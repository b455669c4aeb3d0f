/**
 * Live changes from BullMQ: a QueueEvents subscription on the repository queue and the wave
 * queue. Job ids are `<campaignId>.<repoKey>[.r<n>]` (repositories) and `<campaignId>.w<n>`
 * (waves), see queue/ids.ts.
 */
import { QueueEvents, type ConnectionOptions } from 'bullmq';
import { campaignOfJobId } from '../queue/ids.js';
import { CAMPAIGN_QUEUE, REPO_QUEUE, type QueueKeys } from '../queue/keys.js';
import type { LiveEvent } from './source.js';

const REPO_EVENTS = ['added', 'waiting', 'active', 'progress', 'completed', 'failed', 'delayed', 'removed'] as const;
const WAVE_EVENTS = ['completed', 'failed', 'waiting', 'active'] as const;

export type QueueListener = (emit: (event: LiveEvent) => void) => Promise<() => Promise<void>>;

export function liveEventOf(queue: 'repo' | 'wave', jobId: string, state: string): LiveEvent {
  const campaignId = campaignOfJobId(jobId);
  const repoId = queue === 'repo' ? jobId.split('.')[1] : undefined;
  return { campaignId, repoId, state };
}

export function createQueueListener(keys: QueueKeys, connection: () => ConnectionOptions): QueueListener {
  return async (emit) => {
    const repoEvents = new QueueEvents(REPO_QUEUE, { connection: connection(), prefix: keys.bullPrefix });
    const waveEvents = new QueueEvents(CAMPAIGN_QUEUE, { connection: connection(), prefix: keys.bullPrefix });
    repoEvents.on('error', () => {});
    waveEvents.on('error', () => {});
    for (const name of REPO_EVENTS) repoEvents.on(name, ((args: { jobId: string }) => emit(liveEventOf('repo', args.jobId, name))) as never);
    for (const name of WAVE_EVENTS) waveEvents.on(name, ((args: { jobId: string }) => emit(liveEventOf('wave', args.jobId, name))) as never);
    await Promise.all([repoEvents.waitUntilReady(), waveEvents.waitUntilReady()]);
    return async () => {
      await Promise.allSettled([repoEvents.close(), waveEvents.close()]);
    };
  };
}
