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
import { TERMINAL_STATUSES, type CampaignRecord, type RepoStatusRecord } from './schemas.js';

const HISTORY_CAP = 2000;

// KEYS: repos hash, counts hash, history list. ARGV: field, patch JSON, expected jobId ('' = any),
// now (ms), terminal statuses (comma list), history cap. Returns 1 when written, 0 when the record
// belongs to another job id (a stale writer), -1 when the repository is unknown.
const SET_STATUS_LUA = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return -1 end
local rec = cjson.decode(old)
if ARGV[3] ~= '' and rec.jobId ~= ARGV[3] then return 0 end
local before = rec.status
local patch = cjson.decode(ARGV[2])
for k, v in pairs(patch) do
  if v == cjson.null then rec[k] = nil else rec[k] = v end
end
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
return 1
`;

type Patch = { [K in keyof RepoStatusRecord]?: RepoStatusRecord[K] | null };

/**
 * Merges `patch` into a repository's status record (null removes a field). With `expectJobId`,
 * a writer whose job was superseded (retry) changes nothing. Resolves to true when written.
 */
export async function setRepoStatus(
  redis: Redis,
  keys: QueueKeys,
  campaignId: string,
  key: string,
  patch: Patch,
  expectJobId?: string,
): Promise<boolean> {
  const result = await redis.eval(
    SET_STATUS_LUA,
    3,
    keys.campaignRepos(campaignId),
    keys.campaignCounts(campaignId),
    keys.campaignHistory(campaignId),
    key,
    JSON.stringify({ ...patch, updatedAt: new Date().toISOString() }),
    expectJobId ?? '',
    String(Date.now()),
    [...TERMINAL_STATUSES].join(','),
    String(HISTORY_CAP),
  );
  return result === 1;
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
