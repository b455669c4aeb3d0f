/**
 * Live changes from the queue layer (queue/events.ts: state changes of repository and wave
 * jobs). Job ids are `<campaignId>.<repoKey>[.r<n>]` (repositories) and `<campaignId>.w<n>`
 * (waves), see queue/ids.ts.
 */
import type { QueueContext } from '../queue/context.js';
import { subscribeQueueChanges } from '../queue/events.js';
import { campaignOfJobId } from '../queue/ids.js';
import type { LiveEvent } from './source.js';

export type QueueListener = (emit: (event: LiveEvent) => void) => Promise<() => Promise<void>>;

export function liveEventOf(queue: 'repo' | 'wave', jobId: string, state: string): LiveEvent {
  const campaignId = campaignOfJobId(jobId);
  const repoId = queue === 'repo' ? jobId.split('.')[1] : undefined;
  return { campaignId, ...(repoId !== undefined ? { repoId } : {}), state };
}

export function createQueueListener(queue: QueueContext): QueueListener {
  return async (emit) => {
    const subscription = subscribeQueueChanges(queue, (change) => emit(liveEventOf(change.queue, change.jobId, change.state)));
    try {
      await subscription.ready;
    } catch (error) {
      await subscription.close();
      throw error;
    }
    return () => subscription.close();
  };
}
