/**
 * The dashboard scene shared by the browser test (test/e2e/dashboard.test.ts) and the screenshot
 * script (scripts/screenshots.ts): a real Redis, two seeded campaigns with history and PR syncs,
 * a live three-repository campaign run by real BullMQ workers over a scripted pipeline that
 * returns full RunReports, the dashboard on a free port, and headless Chromium.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LoadedMigration } from '../../../src/catalog/definition.js';
import { configSchema } from '../../../src/config/schema.js';
import { startDashboard, type RunningDashboard } from '../../../src/dashboard/index.js';
import type { RunJob } from '../../../src/pipeline/types.js';
import { openQueueContext, type QueueContext } from '../../../src/queue/context.js';
import { enqueueCampaign } from '../../../src/queue/producer.js';
import { startWorker, type GodwitWorker } from '../../../src/queue/worker.js';
import { scriptedReport } from '../../dashboard/support/report.js';
import { seedCampaign, seedPrSyncs, spreadHistory } from '../../dashboard/support/seed.js';
import { useTestRedis, type TestRedis } from '../../support/redis.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

const config = configSchema.parse({
  queue: { attempts: 1, backoffMs: 50, stalledIntervalMs: 5000, lockDurationMs: 5000, completedRetentionSeconds: 3600 },
});

export interface DashboardScene {
  ctx: QueueContext;
  dash: RunningDashboard;
  browser: Browser;
  page: Page;
  /** The live campaign (acme/alpha, acme/beta, acme/fail-gamma). */
  campaignId: string;
  /** Repository name → its key in the campaign. */
  keys: Map<string, string>;
  /** Runs per repository name so far. */
  runs: Map<string, number>;
  /** Opens the gate run `<repo>#<run>` of the scripted pipeline waits on. */
  open(run: string): void;
  /** Starts the workers (once). */
  startWorker(): GodwitWorker;
  /** Closes everything the scene started; safe after a partial start. */
  close(): Promise<void>;
}

export interface SceneOptions {
  /** When false, no run waits for its gate (the screenshot script). Default true. */
  gated?: boolean;
}

export async function startDashboardScene(options: SceneOptions = {}): Promise<DashboardScene> {
  const gated = options.gated ?? true;
  const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
  const gate = (id: string) => {
    let g = gates.get(id);
    if (!g) {
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      g = { promise, open };
      gates.set(id, g);
    }
    return g;
  };
  const runs = new Map<string, number>();
  const runJob: RunJob = async (opts) => {
    const name = opts.repo.split('/').at(-1)!.replace(/^acme-/, 'acme/');
    const run = (runs.get(name) ?? 0) + 1;
    runs.set(name, run);
    opts.onStage?.({ stage: 'prepare', phase: 'start' });
    opts.onLog?.({ ts: new Date().toISOString(), level: 'info', stage: 'prepare', message: `run ${run} of ${name}` });
    if (gated) await gate(`${name}#${run}`).promise;
    opts.onStage?.({ stage: 'agent', phase: 'start' });
    const status = name.includes('fail') && run === 1 ? 'failed' : 'verified';
    return scriptedReport({ runId: opts.runId ?? name, repo: opts.repo, name, status });
  };
  const loadMigration = (id: string): Promise<LoadedMigration> =>
    Promise.resolve({ definition: { id, title: 'CommonJS to ES modules' } as LoadedMigration['definition'], dir: undefined, promptText: undefined, branch: `godwit/${id}` });

  let redis: TestRedis | undefined;
  let ctx: QueueContext | undefined;
  let dash: RunningDashboard | undefined;
  let browser: Browser | undefined;
  let worker: GodwitWorker | undefined;
  const close = async () => {
    for (const g of gates.values()) g.open();
    await browser?.close();
    await worker?.close(true);
    await dash?.close();
    await ctx?.close();
    await redis?.cleanup();
  };

  try {
    redis = await useTestRedis();
    ctx = await openQueueContext({ url: redis.url, namespace: redis.namespace, config });
    // Two finished-looking campaigns for the campaigns list and the burndown.
    await seedCampaign(ctx, {
      id: 'jest-to-vitest-fleet',
      name: 'Jest to Vitest',
      migration: 'jest-to-vitest',
      repos: 240,
      waves: 3,
      releasedWaves: 2,
      createdAt: new Date(Date.now() - 6 * 3600_000),
    });
    await spreadHistory(ctx, 'jest-to-vitest-fleet', 6);
    await seedPrSyncs(ctx, 'jest-to-vitest-fleet', 6);
    await seedCampaign(ctx, {
      id: 'node-protocol-imports-q3',
      name: 'node: protocol imports',
      migration: 'node-protocol-imports',
      repos: 60,
      statusOf: (i) => (i % 9 === 0 ? 'not-applicable' : 'verified'),
      state: 'done',
      createdAt: new Date(Date.now() - 30 * 3600_000),
    });
    await spreadHistory(ctx, 'node-protocol-imports-q3', 30);

    const { campaignId } = await enqueueCampaign(ctx, {
      migration: 'commonjs-to-esm',
      name: 'commonjs-to-esm-live',
      repos: ['acme/alpha', 'acme/beta', 'acme/fail-gamma'].map((n) => ({ input: `/fake/${n.replace('/', '-')}`, name: n, location: `/fake/${n}` })),
    });
    const keys = new Map<string, string>();
    for (const r of (await ctx.store.getCampaignRepos(campaignId)).repos) keys.set(r.name, r.key);

    dash = await startDashboard({ config, host: '127.0.0.1', port: 0, queue: ctx });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const queue = ctx;
    return {
      ctx,
      dash,
      browser,
      page,
      campaignId,
      keys,
      runs,
      open: (run) => gate(run).open(),
      startWorker: () => (worker ??= startWorker({ ctx: queue, config, runJob, loadMigration, concurrency: 3 })),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
