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
 * free port in a temp dir (no persistence) and stops it when the process exits. Isolation
 * between test files comes from the namespace: every godwit key and BullMQ queue lives under
 * the hash tag `{<namespace>}`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  namespace: string;
  env: { REDIS_URL: string; GODWIT_QUEUE_NAMESPACE: string };
  /** Deletes every key of this namespace. */
  cleanup(): Promise<void>;
}

let server: Promise<string> | undefined;
let counter = 0;

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on a free port in a temp dir; resolves to its URL once it answers. */
export async function startRedisServer(): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) =>
      reject(new Error(`cannot start redis-server (${e.message}); install it: sudo apt-get install -y redis-server`)),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return url;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  })();
  await Promise.race([ready, spawnError]);
  return { url, child, dir };
}

function sharedServer(): Promise<string> {
  server ??= startRedisServer().then(({ url, child, dir }) => {
    child.unref();
    process.once('exit', () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    return url;
  });
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
