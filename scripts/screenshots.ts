/**
 * Writes docs/screenshots/{campaigns,campaign,repository}.png: the dashboard scene of the browser
 * test (test/e2e/support/dashboard-scene.ts: real Redis, real BullMQ workers over a scripted
 * pipeline, headless Chromium) with every run let through, photographed once it settled.
 *
 *   npm run screenshots
 */
import path from 'node:path';
import { startDashboardScene } from '../test/e2e/support/dashboard-scene.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const SETTLE_MS = 60_000;

const scene = await startDashboardScene({ gated: false });
try {
  const { page, dash, ctx, campaignId, keys } = scene;
  scene.startWorker();
  const deadline = Date.now() + SETTLE_MS;
  while (((await ctx.store.getCounts(campaignId)) as Record<string, number>).verified !== 2) {
    if (Date.now() > deadline) throw new Error(`the live campaign did not settle: ${JSON.stringify(await ctx.store.getCounts(campaignId))}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  await page.goto(new URL(`/c/${campaignId}/r/${keys.get('acme/alpha')}`, dash.url).href);
  await page.getByTestId('transcript').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'repository.png'), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 420 });
  await page.goto(new URL('/', dash.url).href);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'campaigns.png'), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.goto(new URL('/c/jest-to-vitest-fleet', dash.url).href);
  await page.waitForSelector('#burndown[data-ready="1"] canvas', { timeout: 15_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'campaign.png') });
  console.log(`wrote campaigns.png, campaign.png, repository.png to ${path.relative(process.cwd(), SCREENSHOTS)}/`);
} finally {
  await scene.close();
}
