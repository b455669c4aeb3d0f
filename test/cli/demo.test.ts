/** `godwit demo --exit-when-done` as a real process: its own Redis, a worker, the dashboard. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GODWIT_ROOT } from '../support/fixture-repo.js';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('godwit demo', () => {
  it('runs a campaign over the sample repositories and stops its redis-server on exit', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GODWIT_QUEUE_NAMESPACE: '' };
    delete env.REDIS_URL;
    delete env.OPENAI_API_KEY;
    delete env.GITHUB_TOKEN;
    const { code, output } = await run(['demo', '--exit-when-done', '--port', '0'], env);
    expect(code, output).toBe(0);
    expect(output).toMatch(/started redis-server at redis:\/\/127\.0\.0\.1:(\d+)/);
    expect(output).toMatch(/dashboard at http:\/\/127\.0\.0\.1:\d+\//);
    expect(output).toMatch(/campaign demo-\S+ finished/);
    // Every sample ended in a final status, and at least one migrated and verified.
    const finished = output.slice(output.indexOf('finished'));
    expect(finished).toMatch(/^\s+verified\s+\S+\s+file:\/\//m);
    // Every sample has a green offline baseline (its tools come from godwit's node_modules) and built-in imports to migrate.
    for (const sample of ['cli', 'service', 'component-library']) {
      expect(finished, finished).toMatch(new RegExp(`^\\s+verified\\s+${sample}\\s+file:\\/\\/`, 'm'));
    }
    expect(finished).not.toContain('baseline-broken');
    expect(finished).not.toMatch(/^\s+(error|queued|running)\s/m);
    const port = Number(/redis:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]);
    expect(await listening(port)).toBe(false);
  });

  it('says how to install redis-server when it is missing', async () => {
    // A PATH with node and git but no redis-server.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'godwit-nobin-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bin, 'git'));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin };
    delete env.REDIS_URL;
    try {
      const { code, output } = await run(['demo', '--exit-when-done', '--port', '0'], env);
      expect(code, output).toBe(3);
      expect(output).toContain('redis-server is not installed');
      expect(output).toContain('sudo apt-get install -y redis-server');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
