/**
 * The dashboard's actions, delegated to the queue layer's retry/cancel/resume functions.
 */
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import type { QueueContext } from '../queue/context.js';

/** What the dashboard asks the queue layer to do. */
export interface QueueActions {
  /** Re-queues the failed and errored repositories; resolves to how many. */
  retryFailed(campaignId: string): Promise<number>;
  retryRepo(campaignId: string, key: string): Promise<void>;
  cancelCampaign(campaignId: string): Promise<void>;
  resumeCampaign(campaignId: string): Promise<void>;
}

export function queueActionsFor(_queue: QueueContext, _config: GodwitConfig): QueueActions {
  const unavailable = (): never => {
    throw new GodwitError('usage', 'This action is not available yet.', 'Use the CLI: godwit retry / cancel / resume.');
  };
  return { retryFailed: unavailable, retryRepo: unavailable, cancelCampaign: unavailable, resumeCampaign: unavailable };
}
