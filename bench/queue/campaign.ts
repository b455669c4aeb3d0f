/**
 * A node-protocol-imports campaign on generated repositories, through the real queue and the
 * real pipeline (no dependency install; typecheck with the real tsc is the verifier).
 * Reports repositories/minute and how much of the time is godwit's own — everything except the
 * verifier and install subprocesses.
 *
 *   npx tsx bench/queue/campaign.ts [--repos 100] [--concurrency 2]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMigration } from '../../src/catalog/registry.js';
import { configSchema } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { RunReport } from '../../src/report/run-report.js';
import { ownMsByStage, subprocessMs } from '../own-time.js';
import { openQueueContext } from '../../src/queue/context.js';
import { startLocalRedis } from '../../src/queue/local-redis.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { LIVE_STATUSES } from '../../src/queue/schemas.js';
import { startWorker } from '../../src/queue/worker.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const REPOS = arg('repos', 100);
const CONCURRENCY = arg('concurrency', 2);
const GODWIT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-campaign-'));
symlinkSync(path.join(GODWIT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@example.com' };

function generateRepo(i: number): string {
  const dir = path.join(root, 'repos', `svc-${String(i).padStart(3, '0')}`);
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: `svc-${i}`, version: '1.0.0', private: true, type: 'module', engines: { node: '>=20' }, scripts: { typecheck: 'tsc --noEmit -p .' } }, null, 2),
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] }, null, 2),
    'src/files.ts': `import { readFileSync } from 'fs';\nimport * as path from 'path';\nexport function read${i}(p: string): string {\n  return readFileSync(path.join(p, 'x.txt'), 'utf8');\n}\n`,
    'src/server.ts': `import { createServer } from 'http';\nimport { EventEmitter } from 'events';\nexport const bus = new EventEmitter();\nexport const server = createServer((_req, res) => res.end('ok ${i}'));\n`,
    'src/index.ts': `export { read${i} } from './files.js';\nexport { server, bus } from './server.js';\n`,
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  for (const args of [['init', '--quiet', '--initial-branch=main'], ['add', '--all'], ['commit', '--quiet', '-m', 'initial']]) execFileSync('git', args, { cwd: dir, env: gitEnv });
  return dir;
}

const dirs = Array.from({ length: REPOS }, (_, i) => generateRepo(i));
const local = process.env.REDIS_URL ? undefined : await startLocalRedis();
const url = process.env.REDIS_URL ?? local!.url;
const config = configSchema.parse({ redisUrl: url, workdir: path.join(root, 'work'), queue: { lockDurationMs: 120_000 }, limits: { prsPerHour: 100_000, openPrsPerCampaign: 100_000 }, sandbox: { readOnlyPaths: [path.join(root, 'node_modules')] } }); // the PR limits are not what this measures
const ctx = await openQueueContext({ url, namespace: `bench-campaign-${Date.now().toString(36)}`, config });
const worker = startWorker({ ctx, config, runJob, loadMigration: getMigration, concurrency: CONCURRENCY });
await worker.waitUntilReady(); // its spawner too: a start-up cost, not the steady state measured here

const { repos } = resolveRepoSources(dirs.map((d) => ({ origin: 'bench', text: d, cwd: root })));

interface Pass {
  pass: string;
  wallMs: number;
  counts: Record<string, number>;
  jobs: number;
  jobMs: number;
  verifierMs: number;
  cachedBaselines: number;
  stageMs: Record<string, number>;
  ownStageMs: Record<string, number>;
}

/** One campaign over every repository; its own numbers. */
async function runPass(pass: string): Promise<Pass> {
  const t0 = performance.now();
  const { campaignId } = await enqueueCampaign(ctx, { migration: 'node-protocol-imports', repos, install: false, name: `bench ${pass}` });
  let counts: Record<string, number> = {};
  for (;;) {
    counts = (await ctx.store.getCounts(campaignId)) as Record<string, number>;
    if (LIVE_STATUSES.every((s) => !counts[s])) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const wallMs = performance.now() - t0;
  // A job's final status is written just before BullMQ marks it completed: wait for the last ones.
  const finals = Object.values(counts).reduce((a, n) => a + n, 0);
  let jobs: Awaited<ReturnType<typeof ctx.repoQueue.getJobs>> = [];
  for (let tries = 0; tries < 100; tries++) {
    jobs = (await ctx.repoQueue.getJobs(['completed'], 0, -1)).filter((j) => (j.data as { campaignId?: string }).campaignId === campaignId);
    if (jobs.length >= finals) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const reports = jobs.map((j) => j.returnvalue as RunReport);
  const odd = reports.find((r) => r.status !== 'verified');
  if (odd) console.log(`${pass}: first non-verified: ${odd.status}: ${odd.reason}`);
  const stageMs: Record<string, number> = {};
  for (const r of reports) for (const st of r.stages) stageMs[st.name] = (stageMs[st.name] ?? 0) + st.durationMs;
  const ownStageMs: Record<string, number> = {};
  for (const r of reports) for (const [name, ms] of Object.entries(ownMsByStage(r))) ownStageMs[name] = (ownStageMs[name] ?? 0) + ms;
  return {
    pass,
    wallMs,
    counts,
    jobs: reports.length,
    jobMs: reports.reduce((a, r) => a + r.durationMs, 0),
    verifierMs: reports.reduce((a, r) => a + subprocessMs(r), 0),
    cachedBaselines: reports.filter((r) => r.baseline.length > 0 && r.baseline.every((v) => v.cached)).length,
    stageMs,
    ownStageMs,
  };
}

/** A re-run as on the first day: the pushed branches and the local PR records of the last pass are gone. */
function forgetPublished(): void {
  for (const d of dirs) execFileSync('git', ['branch', '-D', '--quiet', 'godwit/node-protocol-imports'], { cwd: d, env: gitEnv, stdio: 'ignore' });
  rmSync(path.join(config.workdir, 'local-prs'), { recursive: true, force: true });
}

// Pass 1: an empty baseline cache (every baseline runs tsc). Pass 2: the same commits again
// (a re-run, a retry or another migration), every baseline from the cache.
rmSync(path.join(config.workdir, 'baseline-cache'), { recursive: true, force: true });
const passes = [await runPass('cache miss')];
forgetPublished();
passes.push(await runPass('cache hit'));

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const row = (label: string, f: (p: Pass) => string) => `| ${label} | ${passes.map(f).join(' | ')} |`;
console.log(`repositories: ${REPOS}, worker concurrency: ${CONCURRENCY}, results: ${passes.map((p) => `${p.pass} ${JSON.stringify(p.counts)}`).join('; ')}`);
console.log(`| metric | ${passes.map((p) => `baseline ${p.pass}`).join(' | ')} |\n|---|${passes.map(() => '---:').join('|')}|`);
console.log(row('wall time, enqueue → all final', (p) => `${(p.wallMs / 1000).toFixed(1)} s`));
console.log(row('repositories / minute', (p) => (REPOS / (p.wallMs / 60_000)).toFixed(1)));
console.log(row('baselines from the cache', (p) => `${p.cachedBaselines} / ${p.jobs}`));
console.log(row('mean job duration', (p) => `${(p.jobMs / p.jobs / 1000).toFixed(2)} s`));
console.log(row('verifier subprocesses (tsc) per job', (p) => `${(p.verifierMs / p.jobs / 1000).toFixed(2)} s`));
console.log(row("godwit's own time per job (job − subprocesses)", (p) => `${((p.jobMs - p.verifierMs) / p.jobs / 1000).toFixed(2)} s`));
console.log(row("**godwit's own share of job time**", (p) => `**${pct((p.jobMs - p.verifierMs) / p.jobMs)}**`));
console.log(row("godwit's own share of wall time × concurrency", (p) => pct((p.wallMs * CONCURRENCY - p.verifierMs) / (p.wallMs * CONCURRENCY))));
console.log(row("queue layer's share (idle slots between jobs)", (p) => pct((p.wallMs * CONCURRENCY - p.jobMs) / (p.wallMs * CONCURRENCY))));
for (const p of passes) console.log(`stage totals, ${p.pass} (s): ${Object.entries(p.stageMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')}`);
for (const p of passes) console.log(`own time per job by stage, ${p.pass} (ms): ${Object.entries(p.ownStageMs).map(([k, v]) => `${k} ${Math.round(v / p.jobs)}`).join(', ')}`);
console.log(`RESULT ${JSON.stringify({ bench: 'campaign', repos: REPOS, concurrency: CONCURRENCY, passes: passes.map((p) => ({ pass: p.pass, wallMs: Math.round(p.wallMs), jobs: p.jobs, cached: p.cachedBaselines, ownShare: (p.jobMs - p.verifierMs) / p.jobMs, ownMsPerJob: Math.round((p.jobMs - p.verifierMs) / p.jobs), verifierMsPerJob: Math.round(p.verifierMs / p.jobs) })) })}`);

await worker.close();
await ctx.close();
await local?.stop();
rmSync(root, { recursive: true, force: true });
