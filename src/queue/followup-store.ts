/**
 * The follow-up store over Redis (src/followup/types.ts FollowUpStore):
 *
 *   {godwit}:followup:<owner/name>#<number>   STRING JSON FollowUpRecord (CI rounds, commands,
 *                                              rebase, merge state) — what the dashboard shows
 *   {godwit}:followup:index:<campaignId>      HASH repo key → "<owner/name>#<number>"
 *   {godwit}:followup:run:<campaignId>:<key>  STRING JSON RunReport of the repository's latest
 *                                              follow-up run (CI round, fix, rebase, retry; with
 *                                              `ciRounds`), kept FOLLOWUP_RUN_TTL_SECONDS
 *
 * and the campaign side of follow-ups: which campaign a godwit branch belongs to, `skipped`
 * after `@godwit close`, a re-run's status, merged PRs in the PR states (burndown).
 */
import type { RedisClient as Redis } from './connection.js';
import type { LoadedMigration } from '../catalog/definition.js';
import type { CampaignLink, FollowUpStore } from './followup/types.js';
import { followUpRecordSchema, type FollowUpRecord } from '../report/run-report.js';
import type { RunReport } from '../report/run-report.js';
import type { CampaignStore } from './campaign-store.js';
import type { QueueKeys } from './keys.js';
import { getPullRequestStates, savePullRequestStates } from './pr-states.js';
import { setRepoStatus } from './status-writer.js';

export function followUpKey(keys: QueueKeys, repo: string, number: number): string {
  return `${keys.bullPrefix}:followup:${repo.toLowerCase()}#${number}`;
}

export function followUpIndexKey(keys: QueueKeys, campaignId: string): string {
  return `${keys.bullPrefix}:followup:index:${campaignId}`;
}

export function followUpRunKey(keys: QueueKeys, campaignId: string, key: string): string {
  return `${keys.bullPrefix}:followup:run:${campaignId}:${key}`;
}

/** A follow-up run's report outlives the campaign job's retention: PRs stay open for weeks. */
export const FOLLOWUP_RUN_TTL_SECONDS = 90 * 24 * 3600;

/** The RunReport (unvalidated) of the repository's latest follow-up run, if any. */
export async function followUpRunOfRepo(redis: Redis, keys: QueueKeys, campaignId: string, key: string): Promise<unknown> {
  const raw = await redis.get(followUpRunKey(keys, campaignId, key));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function empty(repo: string, number: number): FollowUpRecord {
  return followUpRecordSchema.parse({ repo, number, updatedAt: new Date().toISOString() });
}

export async function readFollowUp(redis: Redis, keys: QueueKeys, repo: string, number: number): Promise<FollowUpRecord | undefined> {
  const raw = await redis.get(followUpKey(keys, repo, number));
  if (!raw) return undefined;
  const parsed = followUpRecordSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/** The follow-up record of one repository of a campaign (through the campaign's index). */
export async function followUpOfRepo(redis: Redis, keys: QueueKeys, campaignId: string, key: string): Promise<FollowUpRecord | undefined> {
  const ref = await redis.hget(followUpIndexKey(keys, campaignId), key);
  if (!ref) return undefined;
  const hash = ref.lastIndexOf('#');
  return readFollowUp(redis, keys, ref.slice(0, hash), Number(ref.slice(hash + 1)));
}

export interface FollowUpStoreDeps {
  redis: Redis;
  keys: QueueKeys;
  store: CampaignStore;
  loadMigration: (id: string) => Promise<LoadedMigration>;
}

export function createFollowUpStore(deps: FollowUpStoreDeps): FollowUpStore {
  const { redis, keys } = deps;
  const get = async (repo: string, number: number): Promise<FollowUpRecord> => (await readFollowUp(redis, keys, repo, number)) ?? empty(repo, number);

  return {
    get,
    async update(repo, number, change) {
      // Optimistic: WATCH the key so that two workers handling the same PR never lose a write.
      const key = followUpKey(keys, repo, number);
      for (let attempt = 0; attempt < 20; attempt++) {
        await redis.watch(key);
        const current = await get(repo, number);
        const next = followUpRecordSchema.parse({ ...(change(current) ?? current), updatedAt: new Date().toISOString() });
        const done = await redis.multi().set(key, JSON.stringify(next)).exec();
        if (done) return next;
      }
      throw new Error(`follow-up record ${repo}#${number} kept changing under godwit`);
    },
    async locate(repo, branch) {
      for (const campaign of await deps.store.listCampaigns()) {
        let migrationBranch = `godwit/${campaign.migration}`;
        try {
          migrationBranch = (await deps.loadMigration(campaign.migration)).branch;
        } catch {
          // An unknown migration keeps the default branch name.
        }
        if (migrationBranch !== branch) continue;
        const { repos } = await deps.store.getCampaignRepos(campaign.id, { search: repo.split('/')[1] ?? repo, limit: 1000 });
        const r = repos.find((x) => x.name.toLowerCase() === repo.toLowerCase());
        if (!r) continue;
        const link: CampaignLink = {
          campaignId: campaign.id,
          key: r.key,
          migration: campaign.migration,
          repoRef: r.repo,
          ...(campaign.policy ? { policy: campaign.policy } : {}),
          lastReport: { status: r.status as RunReport['status'], reason: r.reason ?? '', ...(r.pr ? { pr: r.pr as RunReport['pr'] } : {}) },
        };
        if (r.pr?.number) await redis.hset(followUpIndexKey(keys, campaign.id), r.key, `${repo.toLowerCase()}#${r.pr.number}`);
        return link;
      }
      return undefined;
    },
    async markSkipped(link, reason) {
      await setRepoStatus(redis, keys, link.campaignId, link.key, { status: 'skipped', reason });
    },
    async recordRun(link, report) {
      await redis.set(followUpRunKey(keys, link.campaignId, link.key), JSON.stringify(report), 'EX', FOLLOWUP_RUN_TTL_SECONDS);
      await setRepoStatus(redis, keys, link.campaignId, link.key, {
        status: report.status,
        reason: report.reason,
        stage: report.stages.at(-1)?.name ?? null,
        durationMs: report.durationMs,
        ...(report.pr ? { pr: { action: report.pr.action, url: report.pr.url, number: report.pr.number, state: report.pr.state, branch: report.pr.branch } } : {}),
      });
    },
    async recordMerged(link, pr) {
      const now = new Date().toISOString();
      const previous = (await getPullRequestStates(redis, keys, link.campaignId)).find((r) => r.key === link.key);
      await savePullRequestStates(redis, keys, link.campaignId, [
        {
          ...(previous ?? {}),
          key: link.key,
          repo: pr.repo,
          branch: pr.branch,
          found: true,
          number: pr.number,
          url: pr.url,
          state: 'merged',
          headSha: pr.headSha,
          syncedAt: now,
          updatedAt: now,
        },
      ]);
      await redis.hset(followUpIndexKey(keys, link.campaignId), link.key, `${pr.repo.toLowerCase()}#${pr.number}`);
    },
  };
}
