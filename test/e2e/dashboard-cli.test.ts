/**
 * `godwit dashboard` as a user runs it: a real process, real Redis, real HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, useTestRedis, type TestRedis } from '../support/redis.js';

const BIN = path.resolve(import.meta.dirname, '..', '..', 'bin', 'godwit.js');
let redis: TestRedis;
let cwd: string;

beforeAll(async () => {
  redis = await useTestRedis();
  // An empty folder: no godwit.config.* is picked up from the repository.
  cwd = mkdtempSync(path.join(os.tmpdir(), 'godwit-dash-cli-'));
});

afterAll(async () => {
  await redis?.cleanup();
  rmSync(cwd, { recursive: true, force: true });
});

function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...redis.env, ...extra };
  if (!('GODWIT_DASHBOARD_TOKEN' in extra)) delete env.GODWIT_DASHBOARD_TOKEN;
  return env;
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('godwit dashboard', () => {
  it('--host 0.0.0.0 without a token refuses to start and says why (exit 2)', async () => {
    const p = run(['dashboard', '--host', '0.0.0.0', '--port', String(await freePort())], baseEnv());
    expect(await p.exit).toBe(2);
    expect(p.err()).toContain('Refusing to listen on 0.0.0.0 without a token');
    expect(p.err()).toContain('GODWIT_DASHBOARD_TOKEN');
    expect(p.out()).toBe('');
  });

  it('serves on 127.0.0.1 and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const p = run(['dashboard', '--port', String(port)], baseEnv());
    await until(() => p.out().includes('godwit dashboard:'));
    expect(p.out()).toContain(`http://127.0.0.1:${port}/`);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Campaigns');
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('with a token on 0.0.0.0, answers 401 without it and never prints it', async () => {
    const port = await freePort();
    const token = 'tok-1234567890-abcdefghij';
    const p = run(['dashboard', '--host', '0.0.0.0', '--port', String(port)], baseEnv({ GODWIT_DASHBOARD_TOKEN: token }));
    await until(() => p.out().includes('godwit dashboard:'));
    expect(p.out()).not.toContain(token);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('rejects a bad --port with a usage error', async () => {
    const p = run(['dashboard', '--port', 'eighty'], baseEnv());
    expect(await p.exit).toBe(2);
    expect(p.err()).toContain('--port must be a port number');
  });
});
