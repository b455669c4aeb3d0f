/**
 * Hostile repositories against the sandbox (src/process/sandbox.ts), each through runJob with
 * real bubblewrap, git, npm and a real redis-server: the repository's `npm test` is an attack.
 * godwit runs with planted secrets in its environment and its config file; after every run the
 * markers must appear in no file under the test's folders, no output and no report. These tests
 * never skip: where no sandbox can be made the runs end `error sandbox-unavailable` and fail.
 * docs/resilience.md records that each fails with its protection switched off.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { renderPullRequestBody } from '../../src/forge/pr-body.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { RunReport } from '../../src/report/run-report.js';
import { createTestEnv, git, GODWIT_ROOT, type TestEnv } from '../support/fixture-repo.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { filesUnder } from '../support/files.js';
import { codemodMigration, greetingRepo, PLANTED_GITHUB_TOKEN, PLANTED_OPENAI_KEY } from './helpers.js';

const PLANTED: Record<string, string> = {
  GITHUB_TOKEN: PLANTED_GITHUB_TOKEN,
  OPENAI_API_KEY: PLANTED_OPENAI_KEY,
  AWS_ACCESS_KEY_ID: 'AKIA_SANDBOXplantedAwsKey0123',
  DATABASE_URL: 'postgres://sandbox:plantedDbPassword0123@db.internal/prod',
  SENTRY_DSN: 'https://plantedSentryKey0123@sentry.example.com/1',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/plantedSlackHook0123',
};
const MARKERS = Object.values(PLANTED);

let env: TestEnv;
let outside: string;
let redis: TestRedis;
let configFile: string;
let otherRun: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  env = createTestEnv();
  outside = mkdtempSync(path.join(os.tmpdir(), 'godwit-sandbox-outside-'));
  redis = await useTestRedis();
  for (const [k, v] of Object.entries(PLANTED)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  // godwit's config file, holding a token, where an operator would keep it.
  configFile = path.join(env.root, 'godwit.config.json');
  writeFileSync(configFile, JSON.stringify({ github: { token: PLANTED_GITHUB_TOKEN }, llm: { apiKey: PLANTED_OPENAI_KEY } }));
  // Another run's folder in the same workdir, with a secret-looking file.
  otherRun = path.join(env.workdir, 'runs', 'other-run-1234', 'repo');
  execFileSync('mkdir', ['-p', otherRun]);
  writeFileSync(path.join(otherRun, 'leak.txt'), PLANTED_OPENAI_KEY);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await redis.cleanup();
  env.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

/** Ports listening on the host's loopback (or all addresses), from /proc/net/tcp{,6}. */
function hostListeningPorts(): number[] {
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A') continue; // LISTEN
      ports.add(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports];
}

/** A repository whose `npm test` runs `attack` (a CommonJS script) and then passes. */
function hostileRepo(name: string, attack: string): string {
  return greetingRepo(path.join(env.root, name), { 'scripts/attack.cjs': attack }, { scripts: { test: 'node scripts/attack.cjs' } });
}

function config(sandbox: Partial<GodwitConfig['sandbox']> = {}): GodwitConfig {
  return configSchema.parse({ ...env.config, sandbox: { ...env.config.sandbox, ...sandbox } });
}

async function run(repo: string, sandbox: Partial<GodwitConfig['sandbox']> = {}): Promise<RunReport> {
  const migration = codemodMigration({ verify: { typecheck: false, lint: false, test: true, requireGreenBaseline: true, allowUnverified: true } });
  return runJob({ migration, repo, config: config(sandbox), install: false, keepWorkdir: false });
}

/** What the attack printed (the baseline's test output). */
function printed(report: RunReport): string {
  return report.baseline.map((v) => v.outputTail).join('\n');
}

/** No marker in the report, in any file under the test's folders (the config file aside), or in godwit's checkout. */
async function expectNoLeak(report: RunReport): Promise<void> {
  const text = JSON.stringify(report);
  for (const m of MARKERS) expect(text, 'report').not.toContain(m);
  for (const root of [env.root, outside]) {
    for (const file of await filesUnder(root)) {
      if (file === configFile || file === path.join(otherRun, 'leak.txt')) continue;
      const content = readFileSync(file, 'latin1');
      for (const m of MARKERS) expect(content, file).not.toContain(m);
    }
  }
}

const SAFE = `function attempt(what, fn) { try { const r = fn(); console.log(what + ': DONE ' + (r === undefined ? '' : String(r).slice(0, 200))); } catch (e) { console.log(what + ': BLOCKED ' + (e.code || e.message)); } }\nconst fs = require('node:fs');\n`;

describe('the sandbox against hostile repositories (runJob, real bwrap)', () => {
  it('git hooks (post-commit, reference-transaction, pre-push, post-checkout) cannot be planted', async () => {
    const stolen = path.join(outside, 'hook-ran.txt');
    const hook = `#!/bin/sh\nenv > ${stolen}\n`;
    const attack = `${SAFE}for (const h of ['post-commit', 'reference-transaction', 'pre-push', 'post-checkout']) attempt('hook ' + h, () => { fs.writeFileSync('.git/hooks/' + h, ${JSON.stringify(hook)}, { mode: 0o755 }); });\n`;
    const repo = hostileRepo('hooks', attack);
    const report = await run(repo);
    expect(printed(report)).toMatch(/hook post-commit: BLOCKED EROFS/);
    expect(printed(report)).not.toContain(': DONE');
    expect(report.status, report.reason).toBe('verified');
    expect(report.sandbox).toEqual({ level: 'bwrap', network: 'none', uid: 65534 });
    expect(existsSync(stolen)).toBe(false);
    await expectNoLeak(report);
  });

  it('core.fsmonitor and a clean/smudge filter cannot be added to .git/config', async () => {
    const stolen = path.join(outside, 'fsmonitor-ran.txt');
    const attack = `${SAFE}attempt('config', () => fs.appendFileSync('.git/config', '[core]\\n\\tfsmonitor = env > ${stolen}\\n[filter "x"]\\n\\tclean = env > ${stolen}\\n'));\nattempt('attributes', () => fs.writeFileSync('.git/info/attributes', '* filter=x'));\n`;
    const report = await run(hostileRepo('fsmonitor', attack));
    expect(printed(report)).toMatch(/config: BLOCKED EROFS/);
    expect(printed(report)).toMatch(/attributes: BLOCKED/);
    expect(report.status, report.reason).toBe('verified');
    expect(existsSync(stolen)).toBe(false);
    await expectNoLeak(report);
  });

  it('with the sandbox off, the same tampering ends the run error sandbox-violation and nothing is pushed (the second line)', async () => {
    const attack = `${SAFE}attempt('hook', () => fs.writeFileSync('.git/hooks/post-commit', '#!/bin/sh\\nexit 0\\n', { mode: 0o755 }));\n`;
    const repo = hostileRepo('hooks-unsandboxed', attack);
    const report = await run(repo, { level: 'off' });
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('sandbox-violation');
    expect(report.sandbox).toEqual({ level: 'off', network: 'host', uid: process.getuid!() });
    expect(git(repo, 'branch', '--list', 'godwit/*')).toBe('');
    // The PR body says when a run was not sandboxed (and only then).
    const migration = { id: 'say-hi', title: 'Say hi', description: 'd' };
    expect(renderPullRequestBody(report, migration)).toContain('**Not sandboxed**');
    expect(renderPullRequestBody({ ...report, sandbox: { level: 'bwrap', network: 'none', uid: 65534 } }, migration)).not.toContain('Not sandboxed');
    await expectNoLeak(report);
  });

  it("godwit's config file, its checkout and another run's folder cannot be read", async () => {
    const attack = `${SAFE}attempt('config file', () => fs.readFileSync(${JSON.stringify(configFile)}, 'utf8'));\nattempt('checkout', () => fs.readdirSync(${JSON.stringify(path.join(GODWIT_ROOT, 'src'))}).join(','));\nattempt('runs', () => fs.readdirSync(${JSON.stringify(path.join(env.workdir, 'runs'))}).join(','));\nattempt('other run', () => fs.readFileSync(${JSON.stringify(path.join(otherRun, 'leak.txt'))}, 'utf8'));\nattempt('root home', () => fs.readdirSync('/root').join(','));\n`;
    const report = await run(hostileRepo('reader', attack));
    const out = printed(report);
    for (const what of ['config file', 'checkout', 'other run', 'root home']) expect(out).toMatch(new RegExp(`${what}: BLOCKED`));
    // The runs folder exists (this run's clone is in it) but holds only this run.
    expect(out).not.toContain('other-run-1234');
    expect(report.status, report.reason).toBe('verified');
    await expectNoLeak(report);
  });

  it("nothing outside the clone can be written: not godwit's src/, not the test's folders", async () => {
    const pwned = path.join(GODWIT_ROOT, 'src', 'pwned-by-sandbox-test.ts');
    const attack = `${SAFE}attempt('godwit src', () => fs.writeFileSync(${JSON.stringify(pwned)}, 'export {}'));\nattempt('outside', () => fs.writeFileSync(${JSON.stringify(path.join(outside, 'written.txt'))}, 'x'));\nattempt('workdir', () => fs.writeFileSync(${JSON.stringify(path.join(env.workdir, 'written.txt'))}, 'x'));\n`;
    const report = await run(hostileRepo('writer', attack));
    // A path that exists in the sandbox only (its private tmpfs) may take the write; the host's never does.
    expect(printed(report)).toMatch(/godwit src: BLOCKED/);
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(path.join(outside, 'written.txt'))).toBe(false);
    expect(existsSync(path.join(env.workdir, 'written.txt'))).toBe(false);
    await expectNoLeak(report);
  });

  it("neither the test's Redis nor any listening loopback port can be reached", async () => {
    const redisPort = Number(new URL(redis.url).port);
    const ports = [...new Set([redisPort, ...hostListeningPorts()])];
    const attack = [
      "const net = require('node:net');",
      `const ports = ${JSON.stringify(ports)};`,
      'let open = 0;',
      'Promise.all(ports.map((p) => new Promise((done) => {',
      "  const s = net.connect({ port: p, host: '127.0.0.1', timeout: 1000 }, () => { open++; console.log('REACHED ' + p); s.write('KEYS *\\r\\n'); setTimeout(() => { s.destroy(); done(); }, 200); });",
      "  s.on('error', () => done()); s.on('timeout', () => { s.destroy(); done(); });",
      "}))).then(() => console.log('reachable ports: ' + open + ' of ' + ports.length));",
      '',
    ].join('\n');
    const report = await run(hostileRepo('network', attack));
    expect(ports.length).toBeGreaterThan(0);
    expect(printed(report)).toContain(`reachable ports: 0 of ${ports.length}`);
    await expectNoLeak(report);
  });

  it("no process's environment is readable through /proc/*/environ", async () => {
    const attack = `${SAFE}const found = [];\nfor (const p of fs.readdirSync('/proc').filter((n) => /^\\d+$/.test(n))) { try { found.push(fs.readFileSync('/proc/' + p + '/environ', 'latin1')); } catch {} }\nconsole.log('processes seen: ' + found.length);\nconsole.log(found.join('\\n'));\n`;
    const report = await run(hostileRepo('proc', attack));
    expect(printed(report)).toMatch(/processes seen: [1-9]/);
    await expectNoLeak(report);
  });

  it('credential-looking variables never reach the command', async () => {
    const attack = "console.log(JSON.stringify(process.env));\n";
    const report = await run(hostileRepo('env', attack));
    const out = printed(report);
    const seen = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as Record<string, string>;
    for (const name of Object.keys(PLANTED)) expect(seen[name], name).toBeUndefined();
    expect(seen.CI).toBe('true');
    await expectNoLeak(report);
  });

  it('a fork bomb ends the command with the process limit named; the machine keeps working', async () => {
    const repo = greetingRepo(path.join(env.root, 'forkbomb'), { 'scripts/bomb.sh': 'bomb() { bomb | bomb & }\nbomb\nsleep 2\nexit 1\n' }, { scripts: { test: 'sh scripts/bomb.sh' } });
    const report = await run(repo, { maxProcesses: 128 });
    expect(report.status).toBe('baseline-broken');
    expect(JSON.stringify(report.baseline)).toMatch(/process limit \(128/);
    expect(execFileSync('sh', ['-c', 'echo alive'], { encoding: 'utf8' }).trim()).toBe('alive');
    await expectNoLeak(report);
  });

  it('a 4 GB allocation ends the command with the memory limit named', async () => {
    const attack = "const a = [];\nfor (let i = 0; i < 16; i++) a.push(Buffer.alloc(256 * 1024 * 1024, 1));\nconsole.log('allocated 4 GB');\n";
    const report = await run(hostileRepo('membomb', attack), { memoryMb: 1024 });
    expect(report.status).toBe('baseline-broken');
    expect(printed(report)).not.toContain('allocated 4 GB');
    expect(JSON.stringify(report.baseline)).toMatch(/memory limit \(1024 MiB/);
    await expectNoLeak(report);
  });
});
