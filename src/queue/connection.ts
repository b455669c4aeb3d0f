/**
 * Redis connections for the queue layer. One URL (`REDIS_URL` / config `redisUrl`) is all a
 * worker needs; BullMQ gets its own connections from the same options.
 */
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';

export function requireRedisUrl(config: Pick<GodwitConfig, 'redisUrl'>): string {
  if (!config.redisUrl) {
    throw new GodwitError(
      'redis-unreachable',
      'Fleet mode needs Redis, and no REDIS_URL is set.',
      'Set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379), or try `godwit demo`, which starts its own Redis.',
    );
  }
  return config.redisUrl;
}

/**
 * Connection options BullMQ accepts: `maxRetriesPerRequest: null` is required by workers
 * (blocking commands must not time out).
 */
export function bullConnection(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null };
}

/** A plain client for godwit's own keys (campaign records, limits). */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 2,
    lazyConnect: false,
    // Keep reconnecting: a worker must survive a Redis restart longer than a few seconds (it
    // would otherwise lose this client for good). CLI commands still fail fast and clearly:
    // ensureReachable() times out, and commands give up after maxRetriesPerRequest.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => {
    /* surfaced through the failing command (see ensureReachable) */
  });
  return redis;
}

/** Fails fast with a GodwitError when Redis does not answer. */
export async function ensureReachable(redis: Redis, url: string): Promise<void> {
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5s')), 5000).unref()),
    ]);
  } catch (error) {
    throw new GodwitError(
      'redis-unreachable',
      `Cannot reach Redis at ${redactUrl(url)}: ${(error as Error).message}`,
      'Check REDIS_URL and that redis-server is running (sudo apt-get install -y redis-server).',
    );
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
