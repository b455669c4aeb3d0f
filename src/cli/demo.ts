/**
 * `godwit demo`: the whole fleet on one machine, from a fresh clone, without an LLM or GitHub.
 * Copies the sample repositories in examples/ into a temp folder as git repositories, uses
 * REDIS_URL or starts its own redis-server, enqueues a node-protocol-imports campaign, runs a
 * worker in-process and serves the dashboard. The "PRs" are local records (local forge).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { getMigration } from '../catalog/registry.js';
import type { GodwitConfig } from '../config/schema.js';
import { startDashboard, type RunningDashboard } from '../dashboard/index.js';
import { GodwitError, isGodwitError } from '../errors.js';
import { PACKAGE_ROOT } from '../config/package-info.js';
import { runJob } from '../pipeline/run-job.js';
import { runGitSync } from '../process/index.js';
import { openQueueContext, type QueueContext } from '../queue/context.js';
import { startLocalRedis, type LocalRedis } from '../queue/local-redis.js';
import { enqueueCampaign } from '../queue/producer.js';
import { resolveRepoSources } from '../queue/repo-list.js';
import { LIVE_STATUSES } from '../queue/schemas.js';
import { startWorker, type GodwitWorker } from '../queue/worker.js';
import { loadConfigFor, type Io } from './shared.js';
import { handleShutdown } from './shutdown.js';

const GODWIT_ROOT = PACKAGE_ROOT;
const MIGRATION = 'node-protocol-imports';

interface DemoFlags {
  exitWhenDone?: boolean;
  port?: string;
  keep?: boolean;
}

/** Used when examples/ holds no sample yet: a tiny service with bare built-in imports. */
const FALLBACK_SAMPLE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'sample-service', version: '1.0.0', private: true, type: 'module', engines: { node: '>=20' } }, null, 2),
  'src/config.ts': "import { readFileSync } from 'fs';\nimport path from 'path';\n\nexport function load(dir: string): string {\n  return readFileSync(path.join(dir, 'config.json'), 'utf8');\n}\n",
};

function gitInit(dir: string): void {
  const identity = ['user.name=Demo', 'user.email=demo@example.com', 'commit.gpgsign=false'];
  for (const args of [['init', '--quiet', '--initial-branch=main'], ['add', '--all'], ['commit', '--quiet', '-m', 'initial']]) {
    runGitSync(dir, args, { config: identity });
  }
}

/**
 * Copies the samples into `<root>/repos/<name>` as git repositories. `<root>/node_modules` links to
 * godwit's own, so the samples' tools (tsc, tsx…) resolve without installing anything.
 */
export function prepareDemoRepos(root: string): string[] {
  // In an installed package the dependencies may be hoisted out of godwit's folder.
  if (existsSync(path.join(GODWIT_ROOT, 'node_modules'))) symlinkSync(path.join(GODWIT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const examples = path.join(GODWIT_ROOT, 'examples');
  const samples = existsSync(examples)
    ? readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(examples, d.name, 'package.json')))
    : [];
  const dirs: string[] = [];
  for (const sample of samples) {
    const dest = path.join(root, 'repos', sample.name);
    cpSync(path.join(examples, sample.name), dest, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|\.git)([\\/]|$)/.test(src.slice(examples.length)),
    });
    dirs.push(dest);
  }
  if (!dirs.length) {
    const dest = path.join(root, 'repos', 'sample-service');
    for (const [file, content] of Object.entries(FALLBACK_SAMPLE)) {
      mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
      writeFileSync(path.join(dest, file), content);
    }
    dirs.push(dest);
  }
  for (const dir of dirs) gitInit(dir);
  return dirs;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new GodwitError('usage', `--port must be 0-65535, got "${value}"`, 'Example: --port 4700');
  return n;
}

export function register(program: Command, io: Io): void {
  program
    .command('demo')
    .description('Run a whole campaign locally: sample repositories, Redis, a worker and the dashboard (no LLM, no GitHub).')
    .option('--exit-when-done', 'exit once the campaign finished (for scripts and tests)')
    .option('--port <port>', 'dashboard port (default: dashboard.port, 4700; 0 picks a free one)')
    .option('--keep', 'keep the temp folder with the sample repositories and their godwit branches')
    .action(async (flags: DemoFlags, cmd: Command) => {
      const loaded = await loadConfigFor(cmd);
      const shutdown = handleShutdown({ name: 'godwit demo', timeoutMs: loaded.service.shutdownTimeoutMs, io });
      let signalled = false;
      void shutdown.requested.then(() => (signalled = true));
      const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-demo-'));
      // The samples borrow their tools from godwit's node_modules (linked into root): the sandbox's toolbox.
      const config: GodwitConfig = { ...loaded, workdir: path.join(root, 'work'), sandbox: { ...loaded.sandbox, readOnlyPaths: [...loaded.sandbox.readOnlyPaths, path.join(root, 'node_modules')] } };
      let redis: LocalRedis | undefined;
      let ctx: QueueContext | undefined;
      let worker: GodwitWorker | undefined;
      let dashboard: RunningDashboard | undefined;
      let stopped = false;
      const cleanup = async () => {
        if (stopped) return;
        stopped = true;
        // After a signal the demo's jobs are abandoned (its Redis and folder go with it).
        await worker?.close(signalled).catch(() => {});
        await dashboard?.close().catch(() => {});
        await ctx?.close().catch(() => {});
        await redis?.stop().catch(() => {});
        if (flags.keep) io.stdout(`godwit demo: kept ${root}`);
        else rmSync(root, { recursive: true, force: true });
      };
      try {
        const dirs = prepareDemoRepos(root);
        io.stdout(`godwit demo: ${dirs.length} sample repositories in ${path.join(root, 'repos')}`);
        let url = config.redisUrl;
        if (url) io.stdout('godwit demo: using REDIS_URL');
        else {
          redis = await startLocalRedis();
          url = redis.url;
          io.stdout(`godwit demo: started redis-server at ${url} (stopped on exit)`);
        }
        ctx = await openQueueContext({ url, config });
        await getMigration(MIGRATION);
        const { repos } = resolveRepoSources(dirs.map((d) => ({ origin: 'demo', text: d, cwd: root })));
        const { campaignId } = await enqueueCampaign(ctx, { migration: MIGRATION, repos, name: `demo-${path.basename(root).slice('godwit-demo-'.length).toLowerCase()}`, install: false });
        io.stdout(`godwit demo: campaign ${campaignId} (${MIGRATION}) enqueued`);

        const port = flags.port === undefined ? config.dashboard.port : parsePort(flags.port);
        try {
          dashboard = await startDashboard({ config: { ...config, redisUrl: url }, port, queue: ctx });
        } catch (error) {
          if (!isGodwitError(error) || flags.port !== undefined) throw error;
          dashboard = await startDashboard({ config: { ...config, redisUrl: url }, port: 0, queue: ctx }); // default port busy
        }
        io.stdout(`godwit demo: dashboard at ${dashboard.url}`);

        worker = startWorker({ ctx, config, runJob, loadMigration: getMigration, concurrency: 2, onEvent: (line) => io.stdout(`  ${line}`) });
        const interrupted = shutdown.requested.then(() => 'interrupted' as const);
        const done = (async () => {
          for (;;) {
            const counts = await ctx!.store.getCounts(campaignId);
            const campaign = await ctx!.store.getCampaign(campaignId);
            if (campaign && campaign.state !== 'running' && LIVE_STATUSES.every((s) => !counts[s])) return 'done' as const;
            await new Promise((r) => setTimeout(r, 250));
          }
        })();
        const first = await Promise.race([done, interrupted]);
        if (first === 'done') {
          const { repos: results } = await ctx.store.getCampaignRepos(campaignId, { limit: 1000 });
          io.stdout(`godwit demo: campaign ${campaignId} finished`);
          for (const r of results) io.stdout(`  ${r.status.padEnd(15)} ${r.name}${r.pr?.url ? `  ${r.pr.url}` : ''}${r.status !== 'verified' && r.reason ? `  — ${r.reason}` : ''}`);
          if (!flags.exitWhenDone) {
            io.stdout(`godwit demo: dashboard still at ${dashboard.url} — press Ctrl+C to stop.`);
            await interrupted;
          }
        }
      } finally {
        await cleanup();
        shutdown.finished();
      }
    });
}
