/**
 * Read API over the campaign data in Redis — what `godwit campaigns/status` and the dashboard use.
 *
 * Data model (all keys under the hash tag `{godwit}`, see keys.ts; values validated with the
 * zod schemas in schemas.ts):
 *
 *   {godwit}:campaigns                 ZSET  campaign id → createdAt (ms)
 *   {godwit}:campaign:<id>             STRING JSON CampaignRecord (name, migration, state
 *                                       running|paused|cancelled|done, reason, waves, gate …)
 *   {godwit}:campaign:<id>:repos       HASH  repo key → JSON RepoStatusRecord (repo, status,
 *                                       stage, pr, reason, jobId, wave, attempts …)
 *   {godwit}:campaign:<id>:counts      HASH  status → number of repos in it (kept in step with
 *                                       :repos by one Lua script, status-writer.ts)
 *   {godwit}:campaign:<id>:history     LIST  JSON HistorySample {ts, counts}, one per terminal
 *                                       transition (burndown; capped at 2,000 samples)
 *   {godwit}:campaign:<id>:open-prs    SET   repo keys with an open (or opening) PR
 *   {godwit}:campaign:<id>:slots       ZSET  job id → lease expiry: running jobs (--concurrency)
 *   {godwit}:limits:prs-last-hour      ZSET  reservations of PRs opened in the last hour
 *   {godwit}:limits:llm                ZSET  holders of an LLM request slot → lease expiry
 *
 * BullMQ keys use the same prefix: queue `repos` (one job per repository, id
 * `<campaignId>.<repoKey>` or `<campaignId>.<repoKey>.r<n>` after a retry; return value = the
 * RunReport; progress = JobProgress) and queue `campaigns` (one parent job per wave, id
 * `<campaignId>.w<n>`, children = that wave's repository jobs).
 *
 * Repo statuses: pending | queued | running | rate-limited | retrying | verified |
 * not-applicable | no-changes | baseline-broken | failed | unverified | error | cancelled.
 */
import type { RedisClient as Redis } from './connection.js';
import { GodwitError } from '../errors.js';
import { queueKeys, type QueueKeys } from './keys.js';
import {
  campaignRecordSchema,
  historySampleSchema,
  repoStatusRecordSchema,
  type CampaignRecord,
  type HistorySample,
  type RepoStatus,
  type RepoStatusRecord,
} from './schemas.js';

export interface CampaignSummary extends CampaignRecord {
  counts: Partial<Record<RepoStatus, number>>;
}

export interface RepoQuery {
  /** Only repositories in these statuses. */
  status?: RepoStatus | RepoStatus[];
  /** Case-insensitive substring of the repository name or reference. */
  search?: string;
  /** Default 0. */
  offset?: number;
  /** Default 100. */
  limit?: number;
}

export interface RepoPage {
  total: number;
  offset: number;
  limit: number;
  repos: RepoStatusRecord[];
}

export interface CampaignStore {
  readonly keys: QueueKeys;
  /** Newest first. */
  listCampaigns(): Promise<CampaignSummary[]>;
  /** Undefined when there is no such campaign. */
  getCampaign(id: string): Promise<CampaignRecord | undefined>;
  /** Like getCampaign but throws `campaign-unknown` with a hint. */
  requireCampaign(id: string): Promise<CampaignRecord>;
  getCounts(id: string): Promise<Partial<Record<RepoStatus, number>>>;
  /** Sorted by repository name. */
  getCampaignRepos(id: string, query?: RepoQuery): Promise<RepoPage>;
  getRepo(id: string, key: string): Promise<RepoStatusRecord | undefined>;
  /** Burndown samples, oldest first (at most `limit`, the most recent ones). */
  getHistory(id: string, limit?: number): Promise<HistorySample[]>;
}

export function parseCampaign(json: string | null): CampaignRecord | undefined {
  if (!json) return undefined;
  return campaignRecordSchema.parse(JSON.parse(json));
}

export function createCampaignStore(redis: Redis, keys: QueueKeys = queueKeys()): CampaignStore {
  async function getCounts(id: string): Promise<Partial<Record<RepoStatus, number>>> {
    const raw = await redis.hgetall(keys.campaignCounts(id));
    const counts: Partial<Record<RepoStatus, number>> = {};
    for (const [status, n] of Object.entries(raw)) {
      const value = Number(n);
      if (value > 0) counts[status as RepoStatus] = value;
    }
    return counts;
  }

  async function getCampaign(id: string): Promise<CampaignRecord | undefined> {
    return parseCampaign(await redis.get(keys.campaign(id)));
  }

  return {
    keys,
    async listCampaigns() {
      const ids = await redis.zrevrange(keys.campaigns, 0, -1);
      const out: CampaignSummary[] = [];
      for (const id of ids) {
        const record = await getCampaign(id);
        if (record) out.push({ ...record, counts: await getCounts(id) });
      }
      return out;
    },
    getCampaign,
    async requireCampaign(id) {
      const record = await getCampaign(id);
      if (!record) {
        throw new GodwitError('campaign-unknown', `No campaign "${id}"`, 'Run `godwit campaigns` to list campaign ids.');
      }
      return record;
    },
    getCounts,
    async getCampaignRepos(id, query = {}) {
      const raw = await redis.hvals(keys.campaignRepos(id));
      const statuses = query.status === undefined ? undefined : new Set([query.status].flat());
      const needle = query.search?.toLowerCase();
      const all = raw
        .map((json) => repoStatusRecordSchema.parse(JSON.parse(json)))
        .filter((r) => !statuses || statuses.has(r.status))
        .filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.repo.toLowerCase().includes(needle))
        .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
      const offset = Math.max(0, query.offset ?? 0);
      const limit = Math.max(1, query.limit ?? 100);
      return { total: all.length, offset, limit, repos: all.slice(offset, offset + limit) };
    },
    async getRepo(id, key) {
      const json = await redis.hget(keys.campaignRepos(id), key);
      return json ? repoStatusRecordSchema.parse(JSON.parse(json)) : undefined;
    },
    async getHistory(id, limit = 500) {
      const raw = await redis.lrange(keys.campaignHistory(id), -limit, -1);
      return raw.map((json) => historySampleSchema.parse(JSON.parse(json)));
    },
  };
}
