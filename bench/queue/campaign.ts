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
const config = configSchema.parse({ redisUrl: url, workdir: path.join(root, 'work'), queue: { lockDurationMs: 120_000 }, limits: { prsPerHour: 100_000, openPrsPerCampaign: 100_000 } }); // the PR limits are not what this measures
const ctx = await openQueueContext({ url, namespace: `bench-campaign-${Date.now().toString(36)}`, config });
const worker = startWorker({ ctx, config, runJob, loadMigration: getMigration, concurrency: CONCURRENCY });
await worker.repoWorker.waitUntilReady();

const { repos } = resolveRepoSources(dirs.map((d) => ({ origin: 'bench', text: d, cwd: root })));
const t0 = performance.now();
const { campaignId } = await enqueueCampaign(ctx, { migration: 'node-protocol-imports', repos, install: false });
let counts: Record<string, number> = {};
for (;;) {
  counts = (await ctx.store.getCounts(campaignId)) as Record<string, number>;
  if (LIVE_STATUSES.every((s) => !counts[s])) break;
  await new Promise((r) => setTimeout(r, 100));
}
const wallMs = performance.now() - t0;

const jobs = await ctx.repoQueue.getJobs(['completed'], 0, -1);
const reports = jobs.map((j) => j.returnvalue as RunReport);
const verifierMs = (r: RunReport) =>
  [...r.baseline, ...r.final, ...(r.agent?.iterations.flatMap((it) => it.verify) ?? [])].reduce((a, v) => a + v.durationMs, 0);
const jobMs = reports.reduce((a, r) => a + r.durationMs, 0);
const subprocessMs = reports.reduce((a, r) => a + verifierMs(r), 0);
const slotsMs = wallMs * CONCURRENCY;
const ownInJobs = (jobMs - subprocessMs) / jobMs;
const ownOfWall = (slotsMs - subprocessMs) / slotsMs;
const queueOverhead = (slotsMs - jobMs) / slotsMs;
const stageMs: Record<string, number> = {};
for (const r of reports) for (const s of r.stages) stageMs[s.name] = (stageMs[s.name] ?? 0) + s.durationMs;

console.log(`repositories: ${REPOS}, worker concurrency: ${CONCURRENCY}, results: ${JSON.stringify(counts)}`);
console.log(`| metric | value |\n|---|---:|`);
console.log(`| wall time, enqueue → all final | ${(wallMs / 1000).toFixed(1)} s |`);
console.log(`| repositories / minute | ${(REPOS / (wallMs / 60_000)).toFixed(1)} |`);
console.log(`| mean job duration | ${(jobMs / reports.length / 1000).toFixed(2)} s |`);
console.log(`| verifier subprocesses (tsc), share of job time | ${((subprocessMs / jobMs) * 100).toFixed(1)} % |`);
console.log(`| godwit's own share of job time (job − subprocesses) | ${(ownInJobs * 100).toFixed(1)} % |`);
console.log(`| godwit's own share of wall time × concurrency | ${(ownOfWall * 100).toFixed(1)} % |`);
console.log(`| queue layer's share (idle slots between jobs) | ${(queueOverhead * 100).toFixed(1)} % |`);
console.log(`stage totals (s): ${Object.entries(stageMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')}`);

await worker.close();
await ctx.close();
await local?.stop();
rmSync(root, { recursive: true, force: true });
