/**
 * Every Redis key and BullMQ queue name godwit uses, in one place.
 *
 * All keys share one hash tag (`{godwit}` by default) so that every key lives in the same
 * Redis Cluster slot: BullMQ's Lua scripts and ours touch several keys at once, which Redis
 * Cluster only allows within one slot. The namespace can be changed (config `queue.namespace`,
 * env `GODWIT_QUEUE_NAMESPACE`) to run several independent fleets on one Redis; tests use it
 * for isolation.
 */
import { DEFAULT_QUEUE_NAMESPACE } from '../config/schema.js';

/** Queue holding one job per repository (the pipeline runs here). */
export const REPO_QUEUE = 'repos';
/** Queue holding one parent job per campaign wave; it runs when all of its repositories finished. */
export const CAMPAIGN_QUEUE = 'campaigns';

export interface QueueKeys {
  readonly namespace: string;
  /** BullMQ `prefix` option: `{<namespace>}` — the hash tag. */
  readonly bullPrefix: string;
  /** Sorted set: campaign id → createdAt (ms). */
  readonly campaigns: string;
  /** String (JSON): the CampaignRecord. */
  campaign(id: string): string;
  /** Hash: job key → RepoStatusRecord (JSON). */
  campaignRepos(id: string): string;
  /** Hash: status → count, kept in step with campaignRepos by one Lua script. */
  campaignCounts(id: string): string;
  /** List of HistorySample (JSON), appended on every terminal transition (burndown). */
  campaignHistory(id: string): string;
  /** Set of job keys whose PR is (or is about to be) open: the per-campaign open-PR limit. */
  campaignOpenPrs(id: string): string;
  /** Sorted set: job id → lease expiry; jobs of the campaign running now (its --concurrency). */
  campaignSlots(id: string): string;
  /** Sorted set: reservation id → ms; PRs opened in the last hour across the fleet. */
  readonly prsLastHour: string;
  /** Sorted set: holder id → lease expiry (ms); concurrent LLM requests across the fleet. */
  readonly llmSemaphore: string;
}

/** The keys of one namespace (config `queue.namespace`, GODWIT_QUEUE_NAMESPACE). */
export function queueKeys(namespace: string = DEFAULT_QUEUE_NAMESPACE): QueueKeys {
  const p = `{${namespace}}`;
  return {
    namespace,
    bullPrefix: p,
    campaigns: `${p}:campaigns`,
    campaign: (id) => `${p}:campaign:${id}`,
    campaignRepos: (id) => `${p}:campaign:${id}:repos`,
    campaignCounts: (id) => `${p}:campaign:${id}:counts`,
    campaignHistory: (id) => `${p}:campaign:${id}:history`,
    campaignOpenPrs: (id) => `${p}:campaign:${id}:open-prs`,
    campaignSlots: (id) => `${p}:campaign:${id}:slots`,
    prsLastHour: `${p}:limits:prs-last-hour`,
    llmSemaphore: `${p}:limits:llm`,
  };
}
