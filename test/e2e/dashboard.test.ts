/**
 * The dashboard in headless Chromium (Debian's `chromium`, driven by playwright-core) over a real
 * Redis, real BullMQ workers (with a scripted pipeline that returns full RunReports) and the real
 * queue actions (the scene: support/dashboard-scene.ts). Writes no files: the screenshots in
 * docs/screenshots/ come from `npm run screenshots` (scripts/screenshots.ts), over the same scene.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_FILE_LINE, HOSTILE_LLM_ANSWER } from '../dashboard/support/report.js';
import { startDashboardScene, type DashboardScene } from './support/dashboard-scene.js';

let scene: DashboardScene;

// Everything that would mean a script ran or the CSP blocked something of ours.
const dialogs: string[] = [];
const consoleErrors: string[] = [];
const pageErrors: string[] = [];

function row(key: string) {
  return scene.page.locator(`tr[data-repo="${key}"]`);
}

async function waitForLive(): Promise<void> {
  await scene.page.waitForSelector('body[data-live-state="open"]', { timeout: 15_000 });
}

beforeAll(async () => {
  scene = await startDashboardScene();
  scene.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  scene.page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  scene.page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await scene?.close();
});

describe('dashboard in a browser', () => {
  it('shows a repository turning from waiting to active to verified without a reload', async () => {
    await scene.page.goto(new URL(`/c/${scene.campaignId}`, scene.dash.url).href);
    await waitForLive();
    const alpha = scene.keys.get('acme/alpha')!;
    await expect.poll(() => row(alpha).getAttribute('data-state')).toBe('waiting');
    await scene.page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));

    scene.open('acme/beta#1');
    scene.open('acme/fail-gamma#1');
    scene.startWorker();

    await expect.poll(() => row(alpha).getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    await expect.poll(() => row(alpha).locator('td').nth(2).textContent(), { timeout: 20_000 }).toBe('prepare');
    // Its run page shows the live job log while it runs.
    const live = await (await fetch(new URL(`/c/${scene.campaignId}/r/${alpha}/fragment`, scene.dash.url))).text();
    expect(live).toContain('No report yet');
    expect(live).toContain('run 1 of acme/alpha');
    scene.open('acme/alpha#1');
    await expect.poll(() => row(alpha).getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    await expect.poll(() => row(scene.keys.get('acme/fail-gamma')!).getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    expect(await scene.page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // The counts and PR link arrived live too.
    await expect.poll(() => scene.page.locator('#summary [data-count="verified"]').textContent()).toBe('2');
    await expect.poll(() => row(alpha).locator('a[href="https://github.com/acme/alpha/pull/12"]').count()).toBe(1);
    await expect.poll(() => row(alpha).textContent()).toContain('3530');
  });

  it('shows the diff and the transcript of the scripted LLM run, markup as text', async () => {
    // Independent of the test before: alpha's run is let through and finished here too.
    scene.open('acme/alpha#1');
    scene.startWorker();
    await expect.poll(async () => (await scene.ctx.store.getCampaignRepos(scene.campaignId, { search: 'alpha' })).repos[0]?.status, { timeout: 20_000 }).toBe('verified');
    await scene.page.goto(new URL(`/c/${scene.campaignId}/r/${scene.keys.get('acme/alpha')}`, scene.dash.url).href);
    const diff = scene.page.getByTestId('diff');
    await expect(diff.textContent()).resolves.toContain("+import { greet } from './greet.js';");
    expect(await diff.textContent()).toContain(HOSTILE_FILE_LINE);
    expect(await scene.page.locator('pre.diff .d-add').count()).toBe(4);
    expect(await scene.page.locator('pre.diff .d-del').count()).toBe(3);
    const transcript = scene.page.getByTestId('transcript');
    expect(await transcript.locator('li.turn').count()).toBe(5);
    expect(await transcript.textContent()).toContain(HOSTILE_LLM_ANSWER);
    expect(await transcript.textContent()).toContain('edit_file');
    expect(await scene.page.getByTestId('timeline').locator('li').count()).toBe(6);
    expect(await scene.page.locator('table.verifiers').textContent()).toContain('12 passed');
    expect(await scene.page.getByTestId('logs').textContent()).toContain('model output contained <markup>');
    // Nothing from the report became an element, and no script ran.
    expect(await scene.page.locator('main img, main script').count()).toBe(0);
    expect(await scene.page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  });

  it('retries a failed repository: it is queued again and shows running', async () => {
    const gamma = scene.keys.get('acme/fail-gamma')!;
    await scene.page.goto(new URL(`/c/${scene.campaignId}`, scene.dash.url).href);
    await waitForLive();
    expect(await row(gamma).getAttribute('data-state')).toBe('failed');
    await scene.page.evaluate(() => ((globalThis as unknown as { __beforeRetry: boolean }).__beforeRetry = true));
    await row(gamma).getByTestId('retry-repo').click();
    // The form POSTs and the server redirects back to this page (a new document).
    await expect.poll(() => scene.page.evaluate(() => (globalThis as unknown as { __beforeRetry?: boolean }).__beforeRetry ?? false)).toBe(false);
    expect(new URL(scene.page.url()).pathname).toBe(`/c/${scene.campaignId}`);
    await waitForLive();
    await expect.poll(() => row(gamma).getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    expect(await scene.ctx.repoQueue.getJob(`${scene.campaignId}.${gamma}.r1`)).toBeDefined();
    scene.open('acme/fail-gamma#2');
    await expect.poll(() => row(gamma).getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    expect(scene.runs.get('acme/fail-gamma')).toBe(2);
  });

  it('lists the campaigns and draws a campaign’s burndown and waves', async () => {
    await scene.page.goto(new URL('/', scene.dash.url).href);
    expect(await scene.page.locator('tr[data-campaign]').count()).toBe(3);
    await scene.page.setViewportSize({ width: 1280, height: 1200 });
    await scene.page.goto(new URL('/c/jest-to-vitest-fleet', scene.dash.url).href);
    await scene.page.waitForSelector('#burndown[data-ready="1"] canvas', { timeout: 15_000 });
    expect(await scene.page.locator('table.waves tbody tr').count()).toBe(3);
  });

  it('ran no script from outside and hit no CSP violation on any page', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
