/**
 * The dashboard in headless Chromium (Debian's `chromium`, driven by playwright-core) over a real
 * Redis, real BullMQ workers (with a scripted pipeline that returns full RunReports) and the real
 * queue actions. Writes docs/screenshots/{campaigns,campaign,repository}.png.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import { configSchema } from '../../src/config/schema.js';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/index.js';
import type { RunJob } from '../../src/pipeline/types.js';
import { openQueueContext, type QueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { HOSTILE_FILE_LINE, HOSTILE_LLM_ANSWER, scriptedReport } from '../dashboard/support/report.js';
import { seedCampaign, seedPrSyncs, spreadHistory } from '../dashboard/support/seed.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
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

let redis: TestRedis;
let ctx: QueueContext;
let dash: RunningDashboard;
let browser: Browser;
let page: Page;
let worker: GodwitWorker | undefined;
let campaignId: string;
const keys = new Map<string, string>();

// Everything that would mean a script ran or the CSP blocked something of ours.
const dialogs: string[] = [];
const consoleErrors: string[] = [];
const pageErrors: string[] = [];

/** Gates the scripted pipeline waits on, per `<repo>#<run>`; the test opens them. */
const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
function gate(id: string) {
  let g = gates.get(id);
  if (!g) {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    g = { promise, open };
    gates.set(id, g);
  }
  return g;
}
const runs = new Map<string, number>();

const runJob: RunJob = async (opts) => {
  const name = opts.repo.split('/').at(-1)!.replace(/^acme-/, 'acme/');
  const run = (runs.get(name) ?? 0) + 1;
  runs.set(name, run);
  opts.onStage?.({ stage: 'prepare', phase: 'start' });
  opts.onLog?.({ ts: new Date().toISOString(), level: 'info', stage: 'prepare', message: `run ${run} of ${name}` });
  await gate(`${name}#${run}`).promise;
  opts.onStage?.({ stage: 'agent', phase: 'start' });
  const status = name.includes('fail') && run === 1 ? 'failed' : 'verified';
  return scriptedReport({ runId: opts.runId ?? name, repo: opts.repo, name, status });
};

const loadMigration = (id: string): Promise<LoadedMigration> =>
  Promise.resolve({ definition: { id, title: 'CommonJS to ES modules' } as LoadedMigration['definition'], dir: undefined, promptText: undefined, branch: `godwit/${id}` });

function row(key: string) {
  return page.locator(`tr[data-repo="${key}"]`);
}

async function waitForLive(): Promise<void> {
  await page.waitForSelector('body[data-live-state="open"]', { timeout: 15_000 });
}

beforeAll(async () => {
  redis = await useTestRedis();
  ctx = await openQueueContext({ url: redis.url, namespace: redis.namespace, config });
  // Two finished-looking campaigns for the campaigns list and the burndown screenshot.
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

  const enqueued = await enqueueCampaign(ctx, {
    migration: 'commonjs-to-esm',
    name: 'commonjs-to-esm-live',
    repos: ['acme/alpha', 'acme/beta', 'acme/fail-gamma'].map((n) => ({ input: `/fake/${n.replace('/', '-')}`, name: n, location: `/fake/${n}` })),
  });
  campaignId = enqueued.campaignId;
  for (const r of (await ctx.store.getCampaignRepos(campaignId)).repos) keys.set(r.name, r.key);

  dash = await startDashboard({ config, host: '127.0.0.1', port: 0, queue: ctx });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  for (const g of gates.values()) g.open();
  await browser?.close();
  await worker?.close(true);
  await dash?.close();
  await ctx?.close();
  await redis?.cleanup();
});

describe('dashboard in a browser', () => {
  it('shows a repository turning from waiting to active to verified without a reload', async () => {
    await page.goto(new URL(`/c/${campaignId}`, dash.url).href);
    await waitForLive();
    const alpha = keys.get('acme/alpha')!;
    await expect.poll(() => row(alpha).getAttribute('data-state')).toBe('waiting');
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));

    gate('acme/beta#1').open();
    gate('acme/fail-gamma#1').open();
    worker = startWorker({ ctx, config, runJob, loadMigration, concurrency: 3 });

    await expect.poll(() => row(alpha).getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    await expect(row(alpha).locator('td').nth(2).textContent()).resolves.toBe('prepare');
    // Its run page shows the live job log while it runs.
    const live = await (await fetch(new URL(`/c/${campaignId}/r/${alpha}/fragment`, dash.url))).text();
    expect(live).toContain('No report yet');
    expect(live).toContain('run 1 of acme/alpha');
    gate('acme/alpha#1').open();
    await expect.poll(() => row(alpha).getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    await expect.poll(() => row(keys.get('acme/fail-gamma')!).getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // The counts and PR link arrived live too.
    await expect.poll(() => page.locator('#summary [data-count="verified"]').textContent()).toBe('2');
    expect(await row(alpha).locator('a[href="https://github.com/acme/alpha/pull/12"]').count()).toBe(1);
    expect(await row(alpha).textContent()).toContain('3530');
  });

  it('shows the diff and the transcript of the scripted LLM run, markup as text', async () => {
    await page.goto(new URL(`/c/${campaignId}/r/${keys.get('acme/alpha')}`, dash.url).href);
    const diff = page.getByTestId('diff');
    await expect(diff.textContent()).resolves.toContain("+import { greet } from './greet.js';");
    expect(await diff.textContent()).toContain(HOSTILE_FILE_LINE);
    expect(await page.locator('pre.diff .d-add').count()).toBe(4);
    expect(await page.locator('pre.diff .d-del').count()).toBe(3);
    const transcript = page.getByTestId('transcript');
    expect(await transcript.locator('li.turn').count()).toBe(5);
    expect(await transcript.textContent()).toContain(HOSTILE_LLM_ANSWER);
    expect(await transcript.textContent()).toContain('edit_file');
    expect(await page.getByTestId('timeline').locator('li').count()).toBe(6);
    expect(await page.locator('table.verifiers').textContent()).toContain('12 passed');
    expect(await page.getByTestId('logs').textContent()).toContain('model output contained <markup>');
    // Nothing from the report became an element, and no script ran.
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'repository.png'), fullPage: true });
  });

  it('retries a failed repository: it is queued again and shows running', async () => {
    const gamma = keys.get('acme/fail-gamma')!;
    await page.goto(new URL(`/c/${campaignId}`, dash.url).href);
    await waitForLive();
    expect(await row(gamma).getAttribute('data-state')).toBe('failed');
    await page.evaluate(() => ((globalThis as unknown as { __beforeRetry: boolean }).__beforeRetry = true));
    await row(gamma).getByTestId('retry-repo').click();
    // The form POSTs and the server redirects back to this page (a new document).
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __beforeRetry?: boolean }).__beforeRetry ?? false)).toBe(false);
    expect(new URL(page.url()).pathname).toBe(`/c/${campaignId}`);
    await waitForLive();
    await expect.poll(() => row(gamma).getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    expect(await ctx.repoQueue.getJob(`${campaignId}.${gamma}.r1`)).toBeDefined();
    gate('acme/fail-gamma#2').open();
    await expect.poll(() => row(gamma).getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    expect(runs.get('acme/fail-gamma')).toBe(2);
  });

  it('writes screenshots of the campaigns list and a campaign page', async () => {
    await page.goto(new URL('/', dash.url).href);
    expect(await page.locator('tr[data-campaign]').count()).toBe(3);
    await page.setViewportSize({ width: 1280, height: 420 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'campaigns.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 1200 });
    await page.goto(new URL('/c/jest-to-vitest-fleet', dash.url).href);
    await page.waitForSelector('#burndown[data-ready="1"] canvas', { timeout: 15_000 });
    expect(await page.locator('table.waves tbody tr').count()).toBe(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign.png') });
  });

  it('ran no script from outside and hit no CSP violation on any page', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
