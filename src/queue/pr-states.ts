/**
 * Synced pull request states of a campaign, stored next to the campaign's other keys:
 *
 *   {godwit}:campaign:<id>:pr-states    HASH  repo key → JSON PullRequestStateRecord
 *   {godwit}:campaign:<id>:pr-history   LIST  JSON PrStatesSample {ts, counts}, one per sync
 *                                              (burndown of open → merged; capped)
 *
 * `godwit sync` and the repeatable PR-sync job write them; the dashboard reads them.
 */
import type { RedisClient as Redis } from './connection.js';
import { z } from 'zod';
import type { QueueKeys } from './keys.js';

const MAX_HISTORY = 2_000;

export const pullRequestStateRecordSchema = z.object({
  /** Repo key of the campaign (RepoStatusRecord.key). */
  key: z.string(),
  /** owner/name */
  repo: z.string(),
  branch: z.string(),
  found: z.boolean(),
  number: z.number().optional(),
  url: z.string().optional(),
  state: z.enum(['open', 'draft', 'merged', 'closed']).optional(),
  checks: z.enum(['success', 'failure', 'pending', 'none']).optional(),
  reviewDecision: z.enum(['approved', 'changes-requested', 'review-required', 'none']).optional(),
  headSha: z.string().optional(),
  title: z.string().optional(),
  updatedAt: z.string().optional(),
  syncedAt: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type PullRequestStateRecord = z.infer<typeof pullRequestStateRecordSchema>;

export const prStatesSampleSchema = z.object({ ts: z.number(), counts: z.record(z.string(), z.number()) });
export type PrStatesSample = z.infer<typeof prStatesSampleSchema>;

export function prStatesKey(keys: QueueKeys, campaignId: string): string {
  return `${keys.campaign(campaignId)}:pr-states`;
}

export function prHistoryKey(keys: QueueKeys, campaignId: string): string {
  return `${keys.campaign(campaignId)}:pr-history`;
}

/** Counts by PR state, plus `checks-failing` and `approved` among open/draft PRs. */
export function countPullRequestStates(records: PullRequestStateRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (k: string): void => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  for (const r of records) {
    if (!r.found) bump(r.error ? 'sync-error' : 'no-pr');
    if (!r.state) continue;
    bump(r.state);
    if (r.state === 'open' || r.state === 'draft') {
      if (r.checks === 'failure') bump('checks-failing');
      if (r.reviewDecision === 'approved') bump('approved');
    }
  }
  return counts;
}

/** Stores this sync's records (replacing earlier ones per repo key) and appends a burndown sample. */
export async function savePullRequestStates(
  redis: Redis,
  keys: QueueKeys,
  campaignId: string,
  records: PullRequestStateRecord[],
  now: number = Date.now(),
): Promise<PrStatesSample> {
  const all = new Map((await getPullRequestStates(redis, keys, campaignId)).map((r) => [r.key, r]));
  for (const r of records) all.set(r.key, r);
  const sample: PrStatesSample = { ts: now, counts: countPullRequestStates([...all.values()]) };
  const multi = redis.multi();
  if (records.length > 0) multi.hset(prStatesKey(keys, campaignId), ...records.flatMap((r) => [r.key, JSON.stringify(pullRequestStateRecordSchema.parse(r))]));
  multi.rpush(prHistoryKey(keys, campaignId), JSON.stringify(sample));
  multi.ltrim(prHistoryKey(keys, campaignId), -MAX_HISTORY, -1);
  await multi.exec();
  return sample;
}

/** Sorted by repository name; records that no longer parse are skipped. */
export async function getPullRequestStates(redis: Redis, keys: QueueKeys, campaignId: string): Promise<PullRequestStateRecord[]> {
  const raw = await redis.hvals(prStatesKey(keys, campaignId));
  const out: PullRequestStateRecord[] = [];
  for (const json of raw) {
    const parsed = pullRequestStateRecordSchema.safeParse(JSON.parse(json));
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => a.repo.localeCompare(b.repo) || a.key.localeCompare(b.key));
}

export async function getPullRequestHistory(redis: Redis, keys: QueueKeys, campaignId: string, limit = 500): Promise<PrStatesSample[]> {
  const raw = await redis.lrange(prHistoryKey(keys, campaignId), -limit, -1);
  return raw.map((json) => prStatesSampleSchema.parse(JSON.parse(json)));
}
