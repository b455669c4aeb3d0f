/**
 * Fleet-wide limits kept in Redis, so that they hold across any number of workers:
 * - a lease semaphore (sorted set holder → expiry): concurrent LLM requests, jobs per campaign;
 *   a crashed holder's lease simply expires;
 * - PR reservations: PRs opened per hour (fleet) and PRs open per campaign.
 */
import { randomUUID } from 'node:crypto';
import type { LlmLimiter } from '../agent/index.js';
import type { RedisClient as Redis } from './connection.js';
import type { QueueKeys } from './keys.js';

// KEYS[1] zset. ARGV: holder, limit, ttl ms, now ms. 1 = acquired (or renewed), 0 = full.
const ACQUIRE_LUA = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], tonumber(ARGV[4]) + tonumber(ARGV[3]), ARGV[1])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(ARGV[4]) + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 1
`;

export interface LeaseSemaphore {
  tryAcquire(holder: string, limit: number, ttlMs: number): Promise<boolean>;
  release(holder: string): Promise<void>;
  /** Holders whose lease has not expired. */
  count(): Promise<number>;
}

export function leaseSemaphore(redis: Redis, key: string): LeaseSemaphore {
  return {
    async tryAcquire(holder, limit, ttlMs) {
      return (await redis.eval(ACQUIRE_LUA, 1, key, holder, String(limit), String(ttlMs), String(Date.now()))) === 1;
    },
    async release(holder) {
      await redis.zrem(key, holder);
    },
    async count() {
      await redis.zremrangebyscore(key, '-inf', Date.now());
      return redis.zcard(key);
    },
  };
}

export interface LlmLimiterOptions {
  /** Concurrent requests across the fleet (config.limits.llmConcurrency). */
  limit: number;
  /** Lease length; a holder that dies frees its slot after this. Default 5 minutes. */
  leaseMs?: number;
  /** First poll interval while waiting; doubles up to 1s. Default 25 ms. */
  pollMs?: number;
}

/**
 * The fleet-wide cap on concurrent LLM requests: `acquire` is the agent's LlmLimiter (its LLM
 * client calls it before a request and the returned function after it); `inFlight` counts
 * the slots taken across the fleet.
 */
export interface FleetLlmLimiter {
  acquire: LlmLimiter;
  inFlight(): Promise<number>;
}

export function createLlmLimiter(redis: Redis, keys: QueueKeys, options: LlmLimiterOptions): FleetLlmLimiter {
  const sem = leaseSemaphore(redis, keys.llmSemaphore);
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  return {
    async acquire(signal) {
      const holder = randomUUID();
      let wait = options.pollMs ?? 25;
      while (!(await sem.tryAcquire(holder, options.limit, leaseMs))) {
        signal?.throwIfAborted();
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 1000);
      }
      return () => sem.release(holder);
    },
    inFlight: () => sem.count(),
  };
}

// KEYS: prs-last-hour zset, campaign open-prs set. ARGV: reservation id, open-set member,
// per-hour limit, per-campaign limit, now ms. Returns 0 when reserved, else ms to wait.
const RESERVE_PR_LUA = `
local hour = 3600000
local now = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - hour)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 and redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return 60000
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1000, tonumber(oldest[2]) + hour - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return 0
`;

export interface PrLimits {
  prsPerHour: number;
  openPrsPerCampaign: number;
}

/**
 * Reserves room for one more PR before a job runs. Resolves to 0 when reserved, otherwise to the
 * milliseconds the job should wait (it is moved to delayed and shows as `rate-limited`).
 */
export async function reservePrSlot(
  redis: Redis,
  keys: QueueKeys,
  campaignId: string,
  repoKey: string,
  limits: PrLimits,
): Promise<number> {
  const result = await redis.eval(
    RESERVE_PR_LUA,
    2,
    keys.prsLastHour,
    keys.campaignOpenPrs(campaignId),
    `${campaignId}.${repoKey}`,
    repoKey,
    String(limits.prsPerHour),
    String(limits.openPrsPerCampaign),
    String(Date.now()),
  );
  return Number(result);
}

/**
 * Settles a reservation after the run: `opened` keeps both counters (a new PR), `open` keeps only
 * the campaign's open-PR slot (an existing PR was updated), neither frees both.
 */
export async function settlePrSlot(
  redis: Redis,
  keys: QueueKeys,
  campaignId: string,
  repoKey: string,
  outcome: { opened: boolean; open: boolean },
): Promise<void> {
  const multi = redis.multi();
  if (!outcome.opened) multi.zrem(keys.prsLastHour, `${campaignId}.${repoKey}`);
  if (!outcome.open) multi.srem(keys.campaignOpenPrs(campaignId), repoKey);
  await multi.exec();
}
