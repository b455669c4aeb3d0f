/**
 * Writes to the campaign data model (see campaign-store.ts for the layout). Repository status
 * changes go through one Lua script so that the status hash, the counts and the burndown history
 * never disagree, even with many workers writing at once.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from './connection.js';
import { GodwitError } from '../errors.js';
import { parseCampaign } from './campaign-store.js';
import type { QueueKeys } from './keys.js';
import { LIVE_STATUSES, TERMINAL_STATUSES, type CampaignRecord, type RepoStatusRecord } from './schemas.js';
import { luaScript, runLua } from './lua.js';

const HISTORY_CAP = 2000;
const TERMINAL_LIST = [...TERMINAL_STATUSES].join(',');
const LIVE_LIST = LIVE_STATUSES.join(',');

// KEYS: repos hash, counts hash, history list. ARGV: field, patch JSON, expected jobId ('' = any),
// now (ms), terminal statuses (comma list), history cap, live statuses (comma list), suffix for
// the reason when the repository's cancel was requested ('' = none). Returns { code, live }: code
// 1 when written, 0 when the record belongs to another job id (a stale writer), -1 when the
// repository is unknown; live = the campaign's repositories still pending/queued/running/….
// One round trip does what took four (read the record, write it, read the counts).
const SET_STATUS_LUA = luaScript(`
local function live()
  local n = 0
  for s in string.gmatch(ARGV[7], '[^,]+') do n = n + (tonumber(redis.call('HGET', KEYS[2], s)) or 0) end
  return n
end
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return { -1, live() } end
local rec = cjson.decode(old)
if ARGV[3] ~= '' and rec.jobId ~= ARGV[3] then return { 0, live() } end
local before = rec.status
local cancelRequested = rec.cancelRequested
local patch = cjson.decode(ARGV[2])
for k, v in pairs(patch) do
  if v == cjson.null then rec[k] = nil else rec[k] = v end
end
if ARGV[8] ~= '' and cancelRequested and cancelRequested ~= cjson.null then rec.reason = (rec.reason or '') .. ARGV[8] end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(rec))
if rec.status ~= before then
  redis.call('HINCRBY', KEYS[2], before, -1)
  redis.call('HINCRBY', KEYS[2], rec.status, 1)
  local terminal = false
  for s in string.gmatch(ARGV[5], '[^,]+') do if s == rec.status then terminal = true end end
  if terminal then
    local flat = redis.call('HGETALL', KEYS[2])
    local counts = {}
    for i = 1, #flat, 2 do
      local n = tonumber(flat[i + 1])
      if n and n > 0 then counts[flat[i]] = n end
    end
    redis.call('RPUSH', KEYS[3], cjson.encode({ ts = tonumber(ARGV[4]), counts = counts }))
    redis.call('LTRIM', KEYS[3], -tonumber(ARGV[6]), -1)
  end
end
return { 1, live() }
`);

type Patch = { [K in keyof RepoStatusRecord]?: RepoStatusRecord[K] | null };

export interface StatusWrite {
  /** False when nothing was written (unknown repository, or a superseded job id). */
  written: boolean;
  /** Repositories of the campaign still pending, queued, running, rate-limited or retrying. */
  live: number;
}

/**
 * Merges `patch` into a repository's status record (null removes a field). With `expectJobId`,
 * a writer whose job was superseded (retry) changes nothing. With `cancelledSuffix`, a
 * repository whose cancel was requested gets it appended to its reason. One round trip.
 */
export async function writeRepoStatus(
  redis: Redis,
  keys: QueueKeys,
  campaignId: string,
  key: string,
  patch: Patch,
  options: { expectJobId?: string | undefined; cancelledSuffix?: string } = {},
): Promise<StatusWrite> {
  const result = (await runLua(
    redis,
    SET_STATUS_LUA,
    [keys.campaignRepos(campaignId), keys.campaignCounts(campaignId), keys.campaignHistory(campaignId)],
    [
      key,
      JSON.stringify({ ...patch, updatedAt: new Date().toISOString() }),
      options.expectJobId ?? '',
      String(Date.now()),
      TERMINAL_LIST,
      String(HISTORY_CAP),
      LIVE_LIST,
      options.cancelledSuffix ?? '',
    ],
  )) as [number, number];
  return { written: result[0] === 1, live: Number(result[1]) };
}

/** writeRepoStatus, resolving to whether it wrote. */
export async function setRepoStatus(
  redis: Redis,
  keys: QueueKeys,
  campaignId: string,
  key: string,
  patch: Patch,
  expectJobId?: string,
): Promise<boolean> {
  return (await writeRepoStatus(redis, keys, campaignId, key, patch, { expectJobId })).written;
}

/**
 * Stores a new campaign with its repositories. Resolves to false (and writes nothing) when a
 * campaign with this id exists already — that is what makes re-enqueueing a no-op.
 */
export async function createCampaign(
  redis: Redis,
  keys: QueueKeys,
  record: CampaignRecord,
  repos: RepoStatusRecord[],
): Promise<boolean> {
  const created = await redis.set(keys.campaign(record.id), JSON.stringify(record), 'NX');
  if (created !== 'OK') return false;
  const counts: Record<string, number> = {};
  const multi = redis.multi();
  for (let i = 0; i < repos.length; i += 500) {
    const chunk: Record<string, string> = {};
    for (const r of repos.slice(i, i + 500)) chunk[r.key] = JSON.stringify(r);
    multi.hset(keys.campaignRepos(record.id), chunk);
  }
  for (const r of repos) counts[r.status] = (counts[r.status] ?? 0) + 1;
  if (repos.length) multi.hset(keys.campaignCounts(record.id), counts);
  multi.rpush(keys.campaignHistory(record.id), JSON.stringify({ ts: Date.now(), counts }));
  multi.zadd(keys.campaigns, Date.parse(record.createdAt), record.id);
  await multi.exec();
  return true;
}

const RELEASE_LOCK_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Read-modify-write of a campaign record under a short Redis lock (wave releases, cancel and
 * resume may race across machines). `change` returns the new record, or undefined to keep it.
 */
export async function updateCampaign(
  redis: Redis,
  keys: QueueKeys,
  id: string,
  change: (record: CampaignRecord) => CampaignRecord | undefined | Promise<CampaignRecord | undefined>,
): Promise<CampaignRecord> {
  const lockKey = `${keys.campaign(id)}:lock`;
  const token = randomUUID();
  const deadline = Date.now() + 15_000;
  while ((await redis.set(lockKey, token, 'PX', 10_000, 'NX')) !== 'OK') {
    if (Date.now() > deadline) {
      throw new GodwitError('redis-unreachable', `Campaign ${id} stayed locked for 15s`, 'Retry the command; a worker may have crashed mid-update (the lock expires by itself).');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    const current = parseCampaign(await redis.get(keys.campaign(id)));
    if (!current) throw new GodwitError('campaign-unknown', `No campaign "${id}"`, 'Run `godwit campaigns` to list campaign ids.');
    const next = await change(current);
    if (!next) return current;
    const stored = { ...next, updatedAt: new Date().toISOString() };
    await redis.set(keys.campaign(id), JSON.stringify(stored));
    return stored;
  } finally {
    await redis.eval(RELEASE_LOCK_LUA, 1, lockKey, token);
  }
}
