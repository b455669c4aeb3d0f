/**
 * PR tracking for a campaign: reads the campaign's GitHub repositories that published a PR,
 * syncs each PR's state, checks and review decision (forge/github/sync.ts), stores them with
 * the campaign (pr-states.ts), and frees the open-PR slot (limits.ts) of every PR found merged
 * or closed. Used by `godwit sync` and, through `createPrSyncProcessor`, by the repeatable
 * BullMQ job that pr-sync-hook.ts schedules and runs. With a follow-up enqueuer, every open PR
 * also gets a `poll` follow-up job (CI feedback, rebase, merge — what a webhook would have
 * triggered), so installations that no webhook reaches are followed up too. As a GitHub App,
 * each repository is read with its installation's client.
 */
import type { Job } from 'bullmq';
import type { RedisClient as Redis } from './connection.js';
import { z } from 'zod';
import { getMigration } from '../catalog/registry.js';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError, formatZodIssues } from '../errors.js';
import { isAppConfigured } from '../forge/github/app-auth.js';
import { createGithubClient, type GithubClient, type GithubClientOptions } from '../forge/github/client.js';
import { GithubForge } from '../forge/github/forge.js';
import { syncPullRequests, type PullRequestSyncRecord, type SyncTarget } from '../forge/github/sync.js';
import { parseRepoRef } from '../forge/repo-ref.js';
import type { CampaignStore } from './campaign-store.js';
import type { FollowUpEnqueuer } from './followup-queue.js';
import type { QueueKeys } from './keys.js';
import { settlePrSlot } from './limits.js';
import { savePullRequestStates, type PrStatesSample, type PullRequestStateRecord } from './pr-states.js';

export const PR_SYNC_QUEUE = 'pr-sync';
export const PR_SYNC_JOB = 'sync-pull-requests';

export const prSyncJobDataSchema = z.object({ campaignId: z.string().min(1) }).strict();

export interface PrSyncDeps {
  redis: Redis;
  keys: QueueKeys;
  store: CampaignStore;
  config: Pick<GodwitConfig, 'github'>;
  /** Tests pass a client with short waits. */
  client?: GithubClient;
  clientOptions?: GithubClientOptions;
  /** Queues a `poll` follow-up for every open PR (where no webhook reaches godwit). */
  followUps?: FollowUpEnqueuer;
}

export interface CampaignSyncResult {
  campaignId: string;
  records: PullRequestStateRecord[];
  sample: PrStatesSample;
  /** Repositories not synced: local ones, and those that never published a PR. */
  skipped: number;
  /** Delivery ids of the poll follow-ups queued (one per open PR). */
  followUps: string[];
}

/** PR records that mean nothing was pushed, so there is no PR to look for. */
const NOTHING_PUBLISHED = new Set(['dry-run', 'skipped']);

async function branchOf(migrationId: string): Promise<string> {
  try {
    return (await getMigration(migrationId)).branch;
  } catch {
    return `godwit/${migrationId}`;
  }
}

export async function syncCampaignPullRequests(deps: PrSyncDeps, campaignId: string): Promise<CampaignSyncResult> {
  const campaign = await deps.store.requireCampaign(campaignId);
  const { repos } = await deps.store.getCampaignRepos(campaignId, { limit: Number.MAX_SAFE_INTEGER });
  const defaultBranch = await branchOf(campaign.migration);
  const targets: Array<{ key: string; repo: string; branch: string }> = [];
  for (const r of repos) {
    if (!r.pr || NOTHING_PUBLISHED.has(r.pr.action)) continue;
    let name: string;
    try {
      const ref = parseRepoRef(r.repo, { githubApiUrl: deps.config.github.apiUrl });
      if (ref.forge !== 'github') continue;
      name = ref.name;
    } catch {
      continue;
    }
    targets.push({ key: r.key, repo: name, branch: r.pr.branch ?? defaultBranch });
  }
  const records: PullRequestStateRecord[] = [];
  if (targets.length > 0) {
    const synced = await syncWithClients(deps, targets);
    synced.forEach((s, i) => records.push({ ...s, key: targets[i]!.key }));
  }
  const sample = await savePullRequestStates(deps.redis, deps.keys, campaignId, records);
  for (const r of records) {
    if (r.state === 'merged' || r.state === 'closed') await settlePrSlot(deps.redis, deps.keys, campaignId, r.key, { opened: true, open: false });
  }
  const followUps: string[] = [];
  if (deps.followUps) {
    const stamp = Date.now();
    for (const r of records) {
      if (!r.found || !r.number || (r.state !== 'open' && r.state !== 'draft')) continue;
      const id = `poll.${campaignId}.${r.key}.${stamp}`;
      await deps.followUps.enqueue(id, [{ kind: 'poll', repo: r.repo, number: r.number }]);
      followUps.push(id);
    }
  }
  return { campaignId, records, sample, skipped: repos.length - targets.length, followUps };
}

/** One client for a token; as a GitHub App, each repository's installation client. */
async function syncWithClients(deps: PrSyncDeps, targets: SyncTarget[]): Promise<PullRequestSyncRecord[]> {
  if (deps.client || !isAppConfigured(deps.config.github)) {
    return syncPullRequests(deps.client ?? createGithubClient(deps.config.github, deps.clientOptions), targets);
  }
  const forge = new GithubForge(deps.config, deps.clientOptions ? { clientOptions: deps.clientOptions } : {});
  const out: PullRequestSyncRecord[] = [];
  for (const t of targets) {
    const [owner = '', repo = ''] = t.repo.split('/');
    const { client } = await forge.forRepo({ owner, repo });
    out.push(...(await syncPullRequests(client, [t])));
  }
  return out;
}

/** The BullMQ processor for PR_SYNC_QUEUE; its return value is a small summary (kept with the job). */
export function createPrSyncProcessor(deps: PrSyncDeps) {
  return async (job: Pick<Job, 'data' | 'id'>): Promise<{ campaignId: string; synced: number; skipped: number; counts: Record<string, number> }> => {
    const parsed = prSyncJobDataSchema.safeParse(job.data);
    if (!parsed.success) {
      throw new GodwitError('usage', `Invalid PR sync job ${job.id ?? ''} data:\n${formatZodIssues(parsed.error.issues)}`, 'Schedule it with { campaignId }.');
    }
    const result = await syncCampaignPullRequests(deps, parsed.data.campaignId);
    return { campaignId: result.campaignId, synced: result.records.length, skipped: result.skipped, counts: result.sample.counts };
  };
}
