/**
 * Redis connections for the queue layer. One URL (`REDIS_URL` / config `redisUrl`) is all a
 * worker needs; BullMQ gets its own connections from the same options.
 *
 * A Redis Cluster is given as `redis-cluster://[user:password@]host:port[?nodes=host:port,…]`
 * (`rediss-cluster://` for TLS): the host and the `nodes` are seed nodes, the client finds the
 * rest. Every key godwit and BullMQ use carries the namespace's hash tag (keys.ts), so all of
 * them live in one slot and the Lua scripts never cross slots (docs/fleet.md).
 */
import type { ConnectionOptions, RedisOptions } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
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

/** A client for godwit's own keys: a single Redis, or a Cluster client (same commands). */
export type RedisClient = Redis | Cluster;

interface ClusterUrl {
  nodes: { host: string; port: number }[];
  redisOptions: RedisOptions;
}

/** The seed nodes and credentials of a `redis-cluster://` URL; undefined for any other URL. */
function parseClusterUrl(url: string): ClusterUrl | undefined {
  const match = /^(rediss?)-cluster:/.exec(url);
  if (!match) return undefined;
  const u = new URL(url);
  const nodes = [`${u.hostname}:${u.port || '6379'}`, ...(u.searchParams.get('nodes')?.split(',') ?? [])]
    .map((hp) => hp.trim())
    .filter(Boolean)
    .map((hp) => {
      const i = hp.lastIndexOf(':');
      return i < 0 ? { host: hp, port: 6379 } : { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
    });
  const redisOptions: RedisOptions = {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(match[1] === 'rediss' ? { tls: {} } : {}),
  };
  return { nodes, redisOptions };
}

function clusterClient(cluster: ClusterUrl, maxRetriesPerRequest: number | null): Cluster {
  return new Cluster(cluster.nodes, {
    redisOptions: { ...cluster.redisOptions, maxRetriesPerRequest },
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * The BullMQ connection for one BullMQ object (queue, worker, flow producer, events). For a
 * single Redis these are options (BullMQ opens and closes its connection); for a Cluster it is a
 * new Cluster client, which BullMQ does not close — `track` receives it so that its owner (the
 * queue context) disconnects it. `maxRetriesPerRequest: null` is required by workers (blocking
 * commands must not time out).
 */
export function bullConnection(url: string, track?: (client: Cluster) => void): ConnectionOptions {
  const cluster = parseClusterUrl(url);
  if (!cluster) return { url, maxRetriesPerRequest: null };
  const client = clusterClient(cluster, null);
  client.on('error', () => {});
  track?.(client);
  return client;
}

/** A plain client for godwit's own keys (campaign records, limits). */
export function createRedis(url: string): RedisClient {
  const cluster = parseClusterUrl(url);
  const redis = cluster
    ? clusterClient(cluster, 2)
    : new Redis(url, {
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
export async function ensureReachable(redis: RedisClient, url: string): Promise<void> {
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
