/** The running of untrusted commands: allowlisted env, process-group kill at the timeout, capped output. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEnv, runCommand } from '../../src/process/run-command.js';
import { SANDBOX_HOME } from '../../src/process/sandbox.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-subprocess-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = () => ({ cwd: dir, timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 });

describe('commandEnv', () => {
  it('keeps only the allowlist (and the configured names), with CI on and colours off', () => {
    const env = commandEnv(
      {
        PATH: '/usr/bin',
        HOME: '/home/x',
        LANG: 'C.UTF-8',
        TZ: 'UTC',
        GITHUB_TOKEN: 'ghp_x',
        NPM_TOKEN: 'n',
        OPENAI_API_KEY: 'sk',
        AWS_ACCESS_KEY_ID: 'AKIA',
        DATABASE_URL: 'postgres://u:p@h/db',
        SENTRY_DSN: 'https://k@sentry',
        SLACK_WEBHOOK_URL: 'https://hooks.slack',
        NODE_OPTIONS: '--require /tmp/evil.js',
        REDIS_URL: 'redis://:pw@h',
        MY_SETTING: 'ok',
      },
      { EXTRA: '1' },
      ['MY_SETTING'],
    );
    expect(Object.keys(env).sort()).toEqual(['CI', 'EXTRA', 'FORCE_COLOR', 'HOME', 'LANG', 'MY_SETTING', 'NO_COLOR', 'NPM_CONFIG_COLOR', 'PATH', 'TZ']);
    // HOME is the sandbox's private tmpfs, not godwit's.
    expect(env.HOME).toBe(SANDBOX_HOME);
    expect(env.CI).toBe('true');
  });

  it('a subprocess does not see the parent’s secrets', async () => {
    process.env.GODWIT_TEST_FAKE_TOKEN = 'should-not-leak';
    process.env.OPENAI_API_KEY_FOR_TEST = 'sk-should-not-leak';
    process.env.DATABASE_URL = 'postgres://should-not-leak';
    try {
      const run = await runCommand(process.execPath, ['-e', 'console.log(JSON.stringify(process.env))'], opts());
      expect(run.exitCode).toBe(0);
      const seen = JSON.parse(run.output) as Record<string, string>;
      expect(seen.GODWIT_TEST_FAKE_TOKEN).toBeUndefined();
      expect(seen.OPENAI_API_KEY_FOR_TEST).toBeUndefined();
      expect(run.output).not.toContain('should-not-leak');
      expect(seen.PATH).toBe(process.env.PATH);
      expect(seen.CI).toBe('true');
    } finally {
      delete process.env.GODWIT_TEST_FAKE_TOKEN;
      delete process.env.OPENAI_API_KEY_FOR_TEST;
      delete process.env.DATABASE_URL;
    }
  });
});

describe('runCommand', () => {
  it('reports exit codes and output without throwing', async () => {
    const run = await runCommand(process.execPath, ['-e', 'console.log("out"); console.error("err"); process.exit(3)'], opts());
    expect(run.exitCode).toBe(3);
    expect(run.output).toContain('out');
    expect(run.output).toContain('err');
    expect(run.timedOut).toBe(false);
  });

  it('reports a command that cannot start', async () => {
    const run = await runCommand(path.join(dir, 'no-such-binary'), [], opts());
    expect(run.exitCode).toBeNull();
    expect(run.spawnError).toBeTruthy();
  });

  it('caps the output of a command that prints forever and kills it at the timeout', async () => {
    const started = Date.now();
    const run = await runCommand(
      process.execPath,
      ['-e', 'const s = "x".repeat(64 * 1024) + "\\n"; for (;;) process.stdout.write(s);'],
      { cwd: dir, timeoutMs: 1500, maxOutputBytes: 100_000 },
    );
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).toBeNull();
    expect(Buffer.byteLength(run.output)).toBe(100_000);
    expect(run.truncated).toBe(true);
    expect(run.tail.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('kills the whole process group at the timeout, including a child that ignores SIGTERM', async () => {
    const pidFile = path.join(dir, 'child.pid');
    const child = path.join(dir, 'stubborn.cjs');
    writeFileSync(child, `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`);
    const parent = path.join(dir, 'parent.cjs');
    writeFileSync(
      parent,
      `const { spawn } = require('child_process'); spawn(process.execPath, [${JSON.stringify(child)}, 'godwit-test-stubborn-child'], { stdio: 'ignore' }); process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`,
    );
    const run = await runCommand(process.execPath, [parent], { cwd: dir, timeoutMs: 2000, maxOutputBytes: 1000 });
    expect(run.timedOut).toBe(true);
    expect(Number(execFileSync('cat', [pidFile], { encoding: 'utf8' }))).toBeGreaterThan(0);
    // Found by its argument: in a PID namespace (sandbox.ts) the pid it wrote is not a host pid.
    const stubborn = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('godwit-test-stubborn-child'));
    // SIGKILL to the group is immediate; give the kernel a moment to reap.
    for (let i = 0; i < 50 && stubborn().length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stubborn()).toEqual([]);
  });

  it('kills the command when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await runCommand(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { ...opts(), signal: controller.signal });
    expect(run.cancelled).toBe(true);
    expect(run.exitCode).toBeNull();
  });
});
