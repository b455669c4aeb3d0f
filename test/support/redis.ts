/**
 * A real Redis for tests, isolated per test file.
 *
 *   const redis = await useTestRedis();   // in beforeAll
 *   redis.url        → redis://127.0.0.1:<port>
 *   redis.namespace  → unique per call; pass it to queueKeys(namespace) / createQueueContext
 *   redis.env        → { REDIS_URL, GODWIT_QUEUE_NAMESPACE } for spawned `godwit` processes
 *   await redis.cleanup()  // in afterAll: deletes this namespace's keys
 *
 * Uses `REDIS_URL` when it is set; otherwise starts one `redis-server` per test process on a
 * free port in a temp dir (no persistence), stopped by a watchdog when the process exits in any
 * way (vitest terminating its worker included). Isolation
 * between test files comes from the namespace: every godwit key and BullMQ queue lives under
 * the hash tag `{<namespace>}`.
 */
import { Redis } from 'ioredis';
import { freePort, startLocalRedis, type LocalRedis } from '../../src/queue/local-redis.js';

export interface TestRedis {
  url: string;
  namespace: string;
  env: { REDIS_URL: string; GODWIT_QUEUE_NAMESPACE: string };
  /** Deletes every key of this namespace. */
  cleanup(): Promise<void>;
}

let server: Promise<string> | undefined;
let counter = 0;

export { freePort };

/**
 * Starts redis-server on a free port in a temp dir; resolves once it answers. It stops by itself
 * when this process exits, however it exits (see src/queue/local-redis.ts).
 */
export function startRedisServer(): Promise<LocalRedis> {
  return startLocalRedis();
}

function sharedServer(): Promise<string> {
  server ??= startLocalRedis().then((r) => r.url);
  return server;
}

export async function useTestRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL || (await sharedServer());
  const namespace = `godwit-test-${process.pid}-${++counter}-${Date.now().toString(36)}`;
  return {
    url,
    namespace,
    env: { REDIS_URL: url, GODWIT_QUEUE_NAMESPACE: namespace },
    async cleanup() {
      const redis = new Redis(url, { maxRetriesPerRequest: 1 });
      redis.on('error', () => {});
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `*{${namespace}}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
