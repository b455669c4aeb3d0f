/**
 * Redis restarted mid-campaign. The test starts its OWN redis-server (AOF on, fsync always) on
 * a free port in a temp dir — never the system Redis — runs a campaign of real repositories with
 * two in-process workers and the real pipeline, SIGKILLs Redis while jobs run, restarts it on
 * the same port and data dir, and checks: the workers reconnect, the campaign finishes, every
 * repository is verified with exactly one branch holding one commit and one PR record, and no
 * repository was published twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { RunJob } from '../../src/pipeline/types.js';
import { openQueueContext, type QueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { LIVE_STATUSES } from '../../src/queue/schemas.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';
import { freePort } from '../support/redis.js';
import { codemodMigration, greetingRepo, until } from './helpers.js';

let env: TestEnv;
let dataDir: string;
let port: number;
let server: ChildProcess | undefined;
let ctx: QueueContext | undefined;
const workers: GodwitWorker[] = [];

async function startRedis(): Promise<void> {
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--dir', dataDir], { stdio: 'ignore' });
  await until('redis-server to answer', async () => {
    const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }, 10_000);
}

async function killRedis(): Promise<void> {
  const s = server!;
  if (s.exitCode !== null) return;
  const exited = new Promise((r) => s.once('exit', r));
  s.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  env = createTestEnv();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'godwit-resilience-redis-'));
  port = await freePort();
  await startRedis();
});

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.close(true)));
  await ctx?.close();
  if (server && server.exitCode === null) await killRedis();
  rmSync(dataDir, { recursive: true, force: true });
  env?.cleanup();
});

describe.skipIf(!process.env.RESILIENCE)('Redis restarted mid-campaign (RESILIENCE=1)', () => {
  it('workers reconnect, the campaign finishes, nothing is lost or published twice', async () => {
    const url = `redis://127.0.0.1:${port}`;
    const config = configSchema.parse({
      ...env.config,
      queue: { attempts: 3, backoffMs: 200, stalledIntervalMs: 1000, lockDurationMs: 30_000, completedRetentionSeconds: 3600 },
    });
    ctx = await openQueueContext({ url, namespace: 'resilience', config });
    // Each job's verifier takes ~1.5 s, so the restart lands while jobs run.
    const migration = codemodMigration({ verify: { typecheck: false, lint: false, test: true, requireGreenBaseline: true } });
    const dirs = Array.from({ length: 6 }, (_, i) =>
      greetingRepo(path.join(env.root, `repo-${i}`), { 'scripts/slow.cjs': 'setTimeout(() => {}, 1500);\n' }, { scripts: { test: 'node scripts/slow.cjs' } }),
    );
    const publishes = new Map<string, number>();
    const counting: RunJob = (opts) =>
      runJob({
        ...opts,
        onStage: (e) => {
          if (e.stage === 'publish' && e.phase === 'end' && e.status === 'ok') publishes.set(opts.repo, (publishes.get(opts.repo) ?? 0) + 1);
          opts.onStage?.(e);
        },
      });
    const events: string[] = [];
    const { repos } = resolveRepoSources(dirs.map((text) => ({ origin: '--repo', text, cwd: env.root })));
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'say-hi', repos, install: false });
    for (let i = 0; i < 2; i++) workers.push(startWorker({ ctx, config, runJob: counting, loadMigration: () => Promise.resolve(migration), onEvent: (l) => events.push(`${Date.now() % 100000} w${i} ${l}`) }));

    // Mid-campaign: at least one repository done and others running.
    await until('the campaign to be under way', async () => {
      const c = (await ctx!.store.getCounts(campaignId)) as Record<string, number>;
      return (c.verified ?? 0) >= 1 && (c.running ?? 0) >= 1;
    }, 120_000);
    events.push(`${Date.now() % 100000} KILL`);
    await killRedis();
    // Down for longer than godwit's client used to keep reconnecting (~11 s), shorter than the
    // job lock (30 s, the default): no job may lose its lock, none may run twice.
    await new Promise((r) => setTimeout(r, 13_000));
    await startRedis();
    events.push(`${Date.now() % 100000} RESTARTED`);

    const counts = await until('the campaign to finish', async () => {
      try {
        const c = (await ctx!.store.getCounts(campaignId)) as Record<string, number>;
        return LIVE_STATUSES.every((s) => !c[s]) ? c : undefined;
      } catch {
        return undefined; // godwit's own client may still be reconnecting
      }
    }, 150_000);
    const records = (await ctx.store.getCampaignRepos(campaignId)).repos;
    expect(counts, JSON.stringify(records.map((r) => [r.name, r.status, r.reason]))).toEqual({ verified: 6 });

    for (const dir of dirs) {
      expect(git(dir, 'branch', '--list', 'godwit/*').trim()).toBe('godwit/say-hi');
      expect(git(dir, 'rev-list', '--count', 'main..godwit/say-hi')).toBe('1');
      expect(publishes.get(dir), `${dir} published ${publishes.get(dir)} times\n${events.join('\n')}\n${JSON.stringify(records.map((r) => [r.name, r.attempts, r.jobId]))}`).toBe(1);
    }
    const prRecords = readdirSync(path.join(env.workdir, 'local-prs')).flatMap((d) => readdirSync(path.join(env.workdir, 'local-prs', d)).filter((f) => f.endsWith('.json')));
    expect(prRecords).toHaveLength(6);
  });
});
