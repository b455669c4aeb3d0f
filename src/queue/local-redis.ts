/**
 * Starts a throwaway `redis-server` on a free loopback port in a temp dir (no persistence), for
 * `godwit demo` and the queue bench. Production fleets use REDIS_URL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { GodwitError } from '../errors.js';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const MISSING = new GodwitError(
  'redis-unreachable',
  'redis-server is not installed, and no REDIS_URL is set.',
  'Install it with `sudo apt-get install -y redis-server` (or `brew install redis`), or set REDIS_URL to a running Redis.',
);

export async function startLocalRedis(): Promise<LocalRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? MISSING : e));
    child.once('exit', (code) => reject(new GodwitError('redis-unreachable', `redis-server exited with code ${code}`, 'Run `redis-server --version` to check the installation, or set REDIS_URL.')));
  });
  failed.catch(() => {});
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
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
  return { url, stop };
}
