/**
 * The dashboard's actions, delegated to the queue layer's retry/cancel/resume functions
 * (the same ones `godwit retry/cancel/resume` call).
 */
import type { GodwitConfig } from '../config/schema.js';
import type { QueueContext } from '../queue/context.js';
import { cancelCampaign, resumeCampaign, retryCampaign, retryRepo } from '../queue/control.js';

/** What the dashboard asks the queue layer to do. */
export interface QueueActions {
  /** Re-queues the failed and errored repositories; resolves to how many. */
  retryFailed(campaignId: string): Promise<number>;
  retryRepo(campaignId: string, key: string): Promise<void>;
  cancelCampaign(campaignId: string): Promise<void>;
  resumeCampaign(campaignId: string): Promise<void>;
}

export function queueActionsFor(ctx: QueueContext, _config: GodwitConfig): QueueActions {
  return {
    retryFailed: (id) => retryCampaign(ctx, id, ['failed', 'error']),
    async retryRepo(id, key) {
      await retryRepo(ctx, id, key);
    },
    async cancelCampaign(id) {
      await cancelCampaign(ctx, id);
    },
    async resumeCampaign(id) {
      await resumeCampaign(ctx, id);
    },
  };
}
