/**
 * Secrets: GITHUB_TOKEN and OPENAI_API_KEY are planted (environment and config) with
 * recognisable values, a whole campaign runs through the fleet — fake GitHub, scripted LLM,
 * a repository whose `npm test` dumps its environment — and then every place the values could
 * leak to is grepped: the verifier's environment and output, the report, the logs (in Redis),
 * the transcript, the PR body, every request body sent to GitHub and the LLM, the clone's
 * .git/config, and the dashboard's pages and report.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { startDashboard } from '../../src/dashboard/index.js';
import { GithubForge } from '../../src/forge/github/forge.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { QueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { startWorker } from '../../src/queue/worker.js';
import { FakeGithub } from '../support/fake-github/server.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { GODWIT_ROOT, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { FAST } from '../forge/github/helpers.js';
import { completedJob, openTestContext, waitForCampaign } from '../queue/helpers.js';
import { filesUnder } from '../support/files.js';
import { MATH_FILES, PLANTED_GITHUB_TOKEN, PLANTED_OPENAI_KEY, promptMigration, removeKept } from './helpers.js';

let env: TestEnv;
let gh: FakeGithub;
let redis: TestRedis;
let ctx: QueueContext;
let config: GodwitConfig;
let outside: string;
const saved: Record<string, string | undefined> = {};

const PLANTED = { GITHUB_TOKEN: PLANTED_GITHUB_TOKEN, OPENAI_API_KEY: PLANTED_OPENAI_KEY, GH_TOKEN: PLANTED_GITHUB_TOKEN, NPM_TOKEN: 'npm_RESILIENCEplantedNpmToken0123456789' };
const SECRETS = [PLANTED_GITHUB_TOKEN, PLANTED_OPENAI_KEY, PLANTED.NPM_TOKEN, Buffer.from(`x-access-token:${PLANTED_GITHUB_TOKEN}`).toString('base64')];

/** A `npm test` that prints what it can see: its environment (the sandbox lets it write only inside the clone). */
const DUMP = () => ["console.log('ENV', JSON.stringify(process.env));", ''].join('\n');

/** The environment the verifier printed, found in any string of the report. */
function printedEnv(value: unknown): Record<string, string> | undefined {
  if (typeof value === 'string') {
    const line = value.split('\n').find((l) => l.startsWith('ENV {'));
    return line ? (JSON.parse(line.slice(4)) as Record<string, string>) : undefined;
  }
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const found = printedEnv(v);
      if (found) return found;
    }
  }
  return undefined;
}

function expectClean(where: string, text: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `${where} contains a planted secret`).toBe(false);
}

const llm = useFakeOpenAI('all');
beforeAll(async () => {
  env = createTestEnv();
  outside = mkdtempSync(path.join(os.tmpdir(), 'godwit-resilience-secrets-'));
  for (const [k, v] of Object.entries(PLANTED)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  gh = await FakeGithub.start({ token: PLANTED_GITHUB_TOKEN });
  redis = await useTestRedis();
  config = configSchema.parse({
    ...env.config,
    github: { token: PLANTED_GITHUB_TOKEN, apiUrl: gh.apiUrl },
    llm: { baseUrl: llm.baseUrl, apiKey: PLANTED_OPENAI_KEY, model: 'fake-model', maxRetries: 1, timeoutMs: 10_000 },
    queue: { attempts: 2, backoffMs: 50, stalledIntervalMs: 1000, lockDurationMs: 10_000, completedRetentionSeconds: 3600 },
  });
  ctx = await openTestContext(redis, config);
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await ctx?.close();
  await redis?.cleanup();
  await gh?.stop();
  rmSync(outside, { recursive: true, force: true });
  env?.cleanup();
});

describe('secrets', () => {
  it('planted tokens reach no verifier, log, report, transcript, PR, request body, .git/config or dashboard page', async () => {
    gh.addRepo({
      owner: 'octo',
      name: 'secretive',
      files: {
        ...MATH_FILES,
        'package.json': JSON.stringify({ name: 'secretive', version: '1.0.0', type: 'module', scripts: { test: 'node scripts/dump.cjs' } }, null, 2),
        'scripts/dump.cjs': DUMP(),
      },
    });
    llm.onRequest(() =>
      reply.tools([
        { name: 'edit_file', arguments: { path: 'src/math.ts', search: 'export function add(', replace: 'export function sum(' } },
        { name: 'edit_file', arguments: { path: 'src/use.ts', search: "import { add } from './math.js';\n\nexport const three: number = add(1, 2);", replace: "import { sum } from './math.js';\n\nexport const three: number = sum(1, 2);" } },
        { name: 'finish', arguments: { report: 'Renamed add to sum.' } },
      ]),
    );
    const migration = promptMigration(env, { verify: { typecheck: false, lint: false, test: true } });
    const { repos } = resolveRepoSources([{ origin: '--repo', text: 'octo/secretive', cwd: env.root }], { githubApiUrl: gh.apiUrl });
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'rename-add', repos, install: false });
    const worker = startWorker({ ctx, config, runJob, loadMigration: () => Promise.resolve(migration), forge: new GithubForge(config, { clientOptions: FAST }) });
    try {
      await waitForCampaign(ctx, campaignId, undefined, 120_000);
    } finally {
      await worker.close();
    }
    const [record] = (await ctx.store.getCampaignRepos(campaignId)).repos;
    expect(record?.status, record?.reason ?? '').toBe('verified');

    const job = await completedJob(ctx, record!.jobId);
    // The verifier ran and saw an allowlisted environment.
    const verifierEnv = printedEnv(job.returnvalue);
    expect(verifierEnv, 'the verifier printed its environment').toBeDefined();
    for (const name of Object.keys(PLANTED)) expect(verifierEnv![name], name).toBeUndefined();
    expect(verifierEnv!.REDIS_URL).toBeUndefined();
    expectClean('the verifier environment', JSON.stringify(verifierEnv));
    const report = JSON.stringify(job.returnvalue);
    expect(report).toContain('"transcript"');
    expect(report).toContain('ENV'); // the verifier's printed environment is in the report
    expectClean('the report (incl. transcript and verifier output)', report);
    expectClean('the job log', JSON.stringify((await ctx.repoQueue.getJobLogs(record!.jobId, 0, -1)).logs));
    expectClean('the status record', JSON.stringify(record));

    const [pr] = gh.pullsOf('octo/secretive');
    expect(pr?.body).toBeTruthy();
    expectClean('the PR body', `${pr!.title}\n${pr!.body}`);
    expectClean('request bodies sent to GitHub', JSON.stringify(gh.requests.map((r) => r.body)));
    expectClean('request bodies sent to the LLM', JSON.stringify(llm.requests.map((r) => r.body)));
    // The key travels only where it must: the Authorization header of the LLM endpoint.
    expect(llm.requests[0]!.headers.authorization).toBe(`Bearer ${PLANTED_OPENAI_KEY}`);

    // The clone itself (kept this time): .git/config, packed refs, logs — no credential anywhere.
    const kept = await runJob({ migration, repo: 'octo/secretive', config, forge: new GithubForge(config, { clientOptions: FAST }), install: false, dryRun: true, keepWorkdir: true });
    expect(kept.status, kept.reason).toBe('verified');
    const gitConfigs = (await filesUnder(env.workdir)).filter((f) => f.endsWith(`${path.sep}.git${path.sep}config`));
    expect(gitConfigs.length).toBeGreaterThan(0);
    for (const file of await filesUnder(env.workdir)) expectClean(file, readFileSync(file, 'latin1'));
    removeKept(kept);

    const dash = await startDashboard({ config, host: '127.0.0.1', port: 0, queue: ctx });
    try {
      for (const page of ['/', `/c/${campaignId}`, `/c/${campaignId}/r/${record!.key}`, `/c/${campaignId}/r/${record!.key}/report.json`, `/c/${campaignId}/fragments/repos`]) {
        const res = await fetch(new URL(page, dash.url));
        expect(res.status, page).toBe(200);
        expectClean(`dashboard ${page}`, await res.text());
      }
    } finally {
      await dash.close();
    }
  });

  // Verifiers run as the same OS user as the worker; scrubbing the child's env cannot stop a
  // hostile `npm test` reading /proc/<worker>/environ. The PID namespace with its own /proc
  // (src/process/sandbox.ts) hides the worker's processes from it.
  it('a verifier cannot read the worker\'s environment through /proc/<ancestor>/environ (PID namespace)', async () => {
    const stolen = path.join(outside, 'stolen.txt');
    const thief = [
      "const fs = require('node:fs');",
      'let pid = process.ppid; const found = [];',
      'for (let i = 0; i < 8 && pid > 1; i++) {',
      "  try { found.push(fs.readFileSync(`/proc/${pid}/environ`, 'latin1')); } catch {}",
      "  pid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);",
      '}',
      "console.log('THIEF read ' + found.length + ' environ file(s)');",
      `console.log(found.join('\\n')); try { fs.writeFileSync(${JSON.stringify(stolen)}, found.join('\\n')); } catch {}`,
      '',
    ].join('\n');
    const repo = writeFixtureRepo(path.join(env.root, 'thief'), {
      builtinImports: false,
      eslint: false,
      packageJson: { scripts: { test: 'node scripts/thief.cjs' } },
      files: { 'src/greet.ts': 'export const greet = "Hello";\n', 'scripts/thief.cjs': thief },
    });
    const promptFile = path.join(env.root, 'noop.md');
    writeFileSync(promptFile, 'Say Hi instead of Hello.\n');
    // A real `godwit run` process started with the secrets in its environment, like a worker.
    const child = spawn(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), 'run', repo, '--prompt-file', promptFile, '--dry-run', '--no-install', '--json'], {
      cwd: env.root,
      env: { ...process.env, ...PLANTED, GODWIT_WORKDIR: env.workdir, GODWIT_MODEL: 'fake-model', OPENAI_BASE_URL: llm.baseUrl },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await new Promise((r) => child.once('exit', r));
    expect(git(repo, 'status', '--porcelain')).toBe('');
    // The thief ran (its output is in the report) and read what its sandbox shows; it could not write outside the clone.
    expect(stdout).toContain('THIEF read');
    expect(existsSync(stolen)).toBe(false);
    expectClean('what the verifier read from /proc (in the report)', stdout);
  });
});
