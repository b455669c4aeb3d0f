/** The queue layer's public surface (CLI, dashboard, agent LLM limiter). */
export { openQueueContext, openQueueContextFromConfig, type QueueContext } from './context.js';
export { createCampaignStore, type CampaignStore, type CampaignSummary, type RepoPage, type RepoQuery } from './campaign-store.js';
export { enqueueCampaign, type CampaignRepo, type EnqueueCampaignInput, type EnqueueResult } from './producer.js';
export { startWorker, type GodwitWorker, type StartWorkerOptions } from './worker.js';
export { cancelCampaign, resumeCampaign, retryCampaign, retryRepo } from './control.js';
export { subscribeCampaignEvents, type CampaignEvent } from './events.js';
export { createLlmLimiter, type FleetLlmLimiter } from './limits.js';
export { queueKeys } from './keys.js';
export * from './schemas.js';
