/**
 * SIGTERM/SIGINT on the long-running commands as real processes (`node bin/godwit.js …`):
 * they stop and exit by the shutdown deadline even when their Redis is gone, and a second
 * signal exits at once. Redis is a real redis-server of this file's own, stopped mid-test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRedis } from '../../src/queue/local-redis.js';
import { GODWIT_ROOT } from '../support/fixture-repo.js';
import { freePort, startRedisServer } from '../support/redis.js';

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const servers: LocalRedis[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((s) => s.stop().catch(() => {})));
});

function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), ...args], {
    env: { ...process.env, GODWIT_QUEUE_NAMESPACE: `shutdown-${process.pid}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exit };
}

async function until(what: string, probe: () => boolean, running: Running, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (running.child.exitCode !== null) throw new Error(`${what}: the process exited early:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops this file's redis-server and checks that its port now refuses connections. */
async function stopRedis(redis: LocalRedis): Promise<void> {
  await redis.stop();
  const refused = await new Promise<boolean>((resolve) => {
    const socket = net.connect(redis.port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
  expect(refused, `redis-server on port ${redis.port} still accepts connections`).toBe(true);
}

/** Worker and dashboard, both ready on a real Redis. */
async function startBoth(env: Record<string, string>): Promise<{ redis: LocalRedis; worker: Running; dashboard: Running }> {
  const redis = await startRedisServer();
  servers.push(redis);
  const worker = start(['worker'], { ...env, REDIS_URL: redis.url });
  const dashboard = start(['dashboard', '--port', '0'], { ...env, REDIS_URL: redis.url });
  await until('worker ready', () => worker.output().includes('godwit worker: ready'), worker);
  await until('dashboard listening', () => /godwit dashboard: http:\/\/127\.0\.0\.1:\d+\//.test(dashboard.output()), dashboard);
  return { redis, worker, dashboard };
}

describe('shutdown of long-running commands', () => {
  it('with Redis up: JSON log lines and /metrics; SIGTERM stops worker and dashboard cleanly (exit 0)', async () => {
    const metricsPort = await freePort();
    const { worker, dashboard } = await startBoth({ GODWIT_SHUTDOWN_TIMEOUT_MS: '600000', GODWIT_METRICS_PORT: String(metricsPort) });
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/^godwit_jobs\{state="waiting"\} 0$/m);
    worker.child.kill('SIGTERM');
    dashboard.child.kill('SIGINT');
    expect(await worker.exit, worker.output()).toEqual({ code: 0, signal: null });
    expect(await dashboard.exit, dashboard.output()).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('godwit worker: SIGTERM — stopping');
    expect(worker.output()).toContain('godwit worker: stopped');
    expect(dashboard.output()).toContain('godwit dashboard: SIGINT — stopping');
    // Not a terminal: every line is a JSON object of the service log.
    for (const line of worker.output().trim().split('\n')) expect(JSON.parse(line), line).toMatchObject({ service: 'worker', msg: expect.any(String) });
  });

  it('with Redis stopped: SIGTERM ends worker and dashboard by the shutdown deadline', async () => {
    const { redis, worker, dashboard } = await startBoth({ GODWIT_SHUTDOWN_TIMEOUT_MS: '3000' });
    await stopRedis(redis);
    await new Promise((r) => setTimeout(r, 1000)); // the clients notice and start reconnecting
    const sent = Date.now();
    worker.child.kill('SIGTERM');
    dashboard.child.kill('SIGTERM');
    const [w, d] = await Promise.all([worker.exit, dashboard.exit]);
    const took = Date.now() - sent;
    // Exited on their own (not killed by the signal's default action), whether the stop
    // finished (0) or the deadline cut it (1). Before, they kept running until SIGKILL.
    expect(w.signal, worker.output()).toBeNull();
    expect(d.signal, dashboard.output()).toBeNull();
    expect([0, 1]).toContain(w.code);
    expect([0, 1]).toContain(d.code);
    expect(worker.output()).toContain('stopping (exit within 3 s');
    // Generous for a loaded machine; a command that ignores the deadline never gets here.
    expect(took).toBeLessThan(60_000);
  });

  it('with Redis stopped: a second signal exits at once, long before the deadline', async () => {
    const { redis, worker, dashboard } = await startBoth({ GODWIT_SHUTDOWN_TIMEOUT_MS: '600000' });
    await stopRedis(redis);
    await new Promise((r) => setTimeout(r, 1000));
    for (const running of [worker, dashboard]) {
      running.child.kill('SIGTERM');
      await until('the first signal is handled', () => running.output().includes('SIGTERM — stopping'), running, 60_000).catch(() => {});
      if (running.child.exitCode === null) running.child.kill('SIGTERM');
    }
    const [w, d] = await Promise.all([worker.exit, dashboard.exit]);
    // Either the graceful stop already finished (0), or the second signal ended it (143).
    expect([0, 143]).toContain(w.code);
    expect([0, 143]).toContain(d.code);
    expect(w.code === 0 || worker.output().includes('SIGTERM again — exiting now'), worker.output()).toBe(true);
  });
});
