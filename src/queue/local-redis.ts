/**
 * Starts a throwaway `redis-server` on a free loopback port in a temp dir (no persistence), for
 * `godwit demo`, the queue bench and the tests. Production fleets use REDIS_URL.
 *
 * The server runs under a small shell watchdog that holds our end of a pipe: when this process
 * exits for any reason — even SIGKILL, or a test runner terminating its worker — the pipe
 * closes, the watchdog stops Redis and removes the temp dir. No orphaned servers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { GodwitError } from '../errors.js';

export interface LocalRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const WATCHDOG = `
command -v redis-server >/dev/null 2>&1 || exit 127
dir="$1"; shift
redis-server "$@" &
pid=$!
read _ignored
kill "$pid" 2>/dev/null
wait "$pid"
rm -rf "$dir"
`;

const MISSING = new GodwitError(
  'redis-unreachable',
  'redis-server is not installed, and no REDIS_URL is set.',
  'Install it with `sudo apt-get install -y redis-server` (or `brew install redis`), or set REDIS_URL to a running Redis.',
);

/** `extraArgs` are appended to redis-server's arguments (the Cluster test starts cluster nodes). */
export async function startLocalRedis(extraArgs: string[] = []): Promise<LocalRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs];
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'godwit-redis', dir, ...args], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.unref();
  (child.stdin as Socket).unref();
  child.stdin!.on('error', () => {});
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(127));
  });
  const failed = exited.then((code) => {
    throw code === 127
      ? MISSING
      : new GodwitError('redis-unreachable', `redis-server exited with code ${code}`, 'Run `redis-server --version` to check the installation, or set REDIS_URL.');
  });
  failed.catch(() => {});
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      // Keep the event loop alive while waiting (both handles were unref'd).
      child.ref();
      child.stdin!.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) return;
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        probe.disconnect();
      }
    }
    throw new GodwitError('redis-unreachable', `redis-server did not answer on port ${port}`, 'Set REDIS_URL to a running Redis instead.');
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}
