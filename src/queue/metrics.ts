/**
 * The metrics of a fleet, read through the queue layer: repository jobs by BullMQ state, and
 * pull requests of all campaigns by their last synced state (the latest PR-sync sample).
 */
import { createMetrics, type GodwitMetrics } from '../observe/index.js';
import type { QueueContext } from './context.js';
import { getPullRequestHistory } from './pr-states.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

export function createQueueMetrics(ctx: QueueContext): GodwitMetrics {
  return createMetrics({
    async jobCounts() {
      return ctx.repoQueue.getJobCounts(...JOB_STATES);
    },
    async pullRequestCounts() {
      const totals: Record<string, number> = {};
      for (const campaign of await ctx.store.listCampaigns()) {
        const [latest] = await getPullRequestHistory(ctx.redis, ctx.keys, campaign.id, 1);
        for (const [state, n] of Object.entries(latest?.counts ?? {})) totals[state] = (totals[state] ?? 0) + n;
      }
      return totals;
    },
  });
}
