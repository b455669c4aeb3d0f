/**
 * Hostile verifiers through the real pipeline: the repository's `npm test` hangs, forks a child
 * that ignores SIGTERM, or prints 1 GB. Each is killed at the timeout with its whole process
 * group, its output is capped, the run ends with a clear verdict and the workspace is removed.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { createTestEnv, type TestEnv } from '../support/fixture-repo.js';
import { codemodMigration, greetingRepo, pidsWithArg, runFolders, until } from './helpers.js';

let env: TestEnv;

beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => {
  env.cleanup();
});

const TIMEOUT_MS = 2_500;
const CAP = 64 * 1024;

function config() {
  return configSchema.parse({ ...env.config, verify: { timeoutMs: TIMEOUT_MS, maxOutputBytes: CAP } });
}

const testOnly = () => codemodMigration({ verify: { typecheck: false, lint: false, test: true, requireGreenBaseline: true } });

function repoWithTestScript(name: string, script: string): string {
  return greetingRepo(path.join(env.root, name), { 'scripts/verify.cjs': script }, { scripts: { test: 'node scripts/verify.cjs' } });
}

describe('hostile verifiers', () => {
  it('a verifier that hangs is killed at the timeout: baseline-broken with a clear timeout, workspace removed', async () => {
    const repo = repoWithTestScript('hangs', 'setInterval(() => {}, 1000);\n');
    const started = Date.now();
    const report = await runJob({ migration: testOnly(), repo, config: config(), dryRun: true, install: false });
    const elapsed = Date.now() - started;
    expect(report.status).toBe('baseline-broken');
    expect(report.baseline[0]).toMatchObject({ kind: 'test', status: 'timeout' });
    expect(report.baseline[0]!.outputTail).toContain(`killed after ${TIMEOUT_MS} ms`);
    expect(report.reason).toMatch(/test timeout/);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 30_000);
    expect(runFolders(env.workdir)).toEqual([]);
  });

  it('a verifier that forks a child ignoring SIGTERM: the whole process group dies at the timeout', async () => {
    // The grandchild ignores SIGTERM and would live forever; it stays in the verifier's process group.
    // It writes nothing: a write outside the clone fails in the sandbox and would end it at once,
    // so the test would race a process that dies by itself instead of proving that godwit kills it.
    const grandchild = `process.on('SIGTERM', () => {});\nsetInterval(() => {}, 1000);\n`;
    const script = [
      "const { spawn } = require('node:child_process');",
      "spawn(process.execPath, [require('node:path').join(__dirname, 'grandchild.cjs'), 'godwit-test-forks-grandchild'], { stdio: 'ignore' });",
      "process.on('SIGTERM', () => {});",
      'setInterval(() => {}, 1000);',
      '',
    ].join('\n');
    const repo = greetingRepo(
      path.join(env.root, 'forks'),
      { 'scripts/verify.cjs': script, 'scripts/grandchild.cjs': grandchild },
      { scripts: { test: 'node scripts/verify.cjs' } },
    );
    const grandchildren = () => pidsWithArg('godwit-test-forks-grandchild');
    // A longer timeout here: under a loaded machine (the whole suite in parallel) the verifier's
    // own node start could take most of 2.5 s, and the timeout would fire before the fork.
    const slowStart = configSchema.parse({ ...env.config, verify: { timeoutMs: 8_000, maxOutputBytes: CAP } });
    const running = runJob({ migration: testOnly(), repo, config: slowStart, dryRun: true, install: false });
    // It is seen in the host's /proc (the sandbox's PID namespace is a child of the host's).
    // Waiting for an event, not timing it: the clone and the pre-scan come first.
    await until('the grandchild to have started', () => grandchildren().length > 0, 60_000);
    const report = await running;
    expect(report.status).toBe('baseline-broken');
    expect(report.baseline[0]!.status).toBe('timeout');
    // SIGKILL to the group: the grandchild is gone (allow a moment for the kernel to reap it).
    await until('the grandchild to be gone', () => grandchildren().length === 0, 5_000);
    expect(grandchildren()).toEqual([]);
    expect(runFolders(env.workdir)).toEqual([]);
  });

  it('a verifier that prints 1 GB: output capped, memory bounded, killed or finished, never buffered', async () => {
    const script = [
      "const chunk = Buffer.alloc(1 << 20, 'x');",
      'let n = 0;',
      // 1024 × 1 MiB = 1 GiB, respecting back-pressure so the writer is as fast as the reader allows.
      'function write() { while (n < 1024) { n++; if (!process.stdout.write(chunk)) return process.stdout.once("drain", write); } }',
      'write();',
      '',
    ].join('\n');
    const repo = repoWithTestScript('floods', script);
    const rssBefore = process.memoryUsage().rss;
    const report = await runJob({ migration: testOnly(), repo, config: config(), dryRun: true, install: false });
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const result = report.baseline[0]!;
    expect(['timeout', 'fail', 'error', 'pass']).toContain(result.status);
    expect(result.outputTail).toMatch(/output capped at 65536 bytes|killed after/);
    expect(result.outputTail.length).toBeLessThan(CAP);
    expect(JSON.stringify(report).length).toBeLessThan(1024 * 1024);
    // Far below the 1 GB that was printed: the output is streamed and dropped, not buffered.
    expect(rssGrowth).toBeLessThan(300 * 1024 * 1024);
    expect(runFolders(env.workdir)).toEqual([]);
  });

  // A grandchild that starts its own session (setsid, here `detached: true`) leaves the
  // verifier's process group; the PID namespace of src/process/sandbox.ts still takes it down.
  it('a grandchild that leaves the process group (setsid) is killed too (PID namespace)', async () => {
    const grandchild = `process.on('SIGTERM', () => {});\nsetTimeout(() => {}, 30_000);\n`;
    const script = [
      "const { spawn } = require('node:child_process');",
      "spawn(process.execPath, [require('node:path').join(__dirname, 'grandchild.cjs'), 'godwit-test-escapes-grandchild'], { stdio: 'ignore', detached: true }).unref();",
      'setInterval(() => {}, 1000);',
      '',
    ].join('\n');
    const repo = greetingRepo(
      path.join(env.root, 'escapes'),
      { 'scripts/verify.cjs': script, 'scripts/grandchild.cjs': grandchild },
      { scripts: { test: 'node scripts/verify.cjs' } },
    );
    // It is seen in the host's /proc (the sandbox's PID namespace is a child of the host's).
    const escaped = () => pidsWithArg('godwit-test-escapes-grandchild');
    const running = runJob({ migration: testOnly(), repo, config: config(), dryRun: true, install: false });
    await until('the grandchild to have started', () => escaped().length > 0, TIMEOUT_MS * 4);
    await running;
    const survived = await until('the grandchild to be gone', () => escaped().length === 0, 3_000).then(() => false, () => true);
    if (survived) for (const pid of escaped()) process.kill(pid, 'SIGKILL'); // the test cleans up what godwit missed
    expect(survived).toBe(false);
  });
});

