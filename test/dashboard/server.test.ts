/**
 * The dashboard over real HTTP and a real Redis: pages, pagination, filters, escaping, CSRF on
 * actions, and the token rule.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/index.js';
import type { QueueActions } from '../../src/dashboard/queue-actions.js';
import { GodwitError } from '../../src/errors.js';
import { openQueueContext, type QueueContext } from '../../src/queue/context.js';
import { savePullRequestStates } from '../../src/queue/pr-states.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { setRepoStatus, updateCampaign } from '../../src/queue/status-writer.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { seedCampaign, spreadHistory } from './support/seed.js';

const config = configSchema.parse({});
let redis: TestRedis;
let ctx: QueueContext;
let dash: RunningDashboard;
const calls: string[] = [];

const actions: QueueActions = {
  async retryFailed(id) {
    calls.push(`retry-failed ${id}`);
    return 1;
  },
  async retryRepo(id, key) {
    calls.push(`retry ${id} ${key}`);
  },
  async cancelCampaign(id) {
    calls.push(`cancel ${id}`);
  },
  async resumeCampaign(id) {
    calls.push(`resume ${id}`);
  },
};

beforeAll(async () => {
  redis = await useTestRedis();
  ctx = await openQueueContext({ url: redis.url, namespace: redis.namespace, config });
  await seedCampaign(ctx, { id: 'big', repos: 230, waves: 2 });
  await spreadHistory(ctx, 'big', 2);
  await seedCampaign(ctx, { id: 'other', repos: 3, migration: 'jest-to-vitest', statusOf: () => 'queued' });
  // A repository name is outside data: make one hostile.
  await setRepoStatus(ctx.redis, ctx.keys, 'other', (await ctx.store.getCampaignRepos('other')).repos[0]!.key, {
    reason: '<img src=x onerror=alert(1)>',
  });
  dash = await startDashboard({ config, host: '127.0.0.1', port: 0, queue: ctx, actions });
});

afterAll(async () => {
  await dash?.close();
  await ctx?.close();
  await redis?.cleanup();
});

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(new URL(path, dash.url), { redirect: 'manual', ...init });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function rowCount(page: string): number {
  return (page.match(/<tr id="repo-/g) ?? []).length;
}

function csrfOf(page: string): string {
  return /<meta name="csrf-token" content="([^"]+)">/.exec(page)![1]!;
}

describe('pages', () => {
  it('lists campaigns with progress and PR counts, under a strict CSP', async () => {
    const { status, text, headers } = await get('/');
    expect(status).toBe(200);
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(text).toContain('href="/c/big"');
    expect(text).toContain('jest-to-vitest');
    expect(text).toMatch(/<svg class="progress"/);
    // 230 repos, 3 in 10 verified → 69 PRs; every 7th index merged.
    expect(text).toMatch(/<span class="pr pr-open">\d+<\/span> open/);
    expect(text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('paginates the repository table on the server', async () => {
    const first = await get('/c/big');
    expect(first.status).toBe(200);
    expect(rowCount(first.text)).toBe(50);
    expect(first.text).toContain('page 1 of 5 · 230 repositories');
    const last = await get('/c/big?page=5');
    expect(rowCount(last.text)).toBe(30);
    expect(last.text).toContain('service-00229');
    expect(last.text).not.toContain('service-00000');
  });

  it('filters by status and searches by name', async () => {
    const failed = await get('/c/big?status=failed');
    expect(rowCount(failed.text)).toBe(23);
    expect([...failed.text.matchAll(/<tr id="repo-[^"]+" data-repo="[^"]+" data-state="([^"]+)"/g)].every((m) => m[1] === 'failed')).toBe(true);
    const waiting = await get('/c/big?status=waiting');
    expect(waiting.text).toContain('page 1 of 1 · 46 repositories');
    const search = await get('/c/big?q=SERVICE-00007');
    expect(rowCount(search.text)).toBe(1);
    const fragment = await get('/c/big/fragments/repos?status=verified&page=2');
    expect(fragment.text.startsWith('<section id="repos"')).toBe(true);
    expect(rowCount(fragment.text)).toBe(19);
  });

  it('treats bad query values as defaults and unknown pages as 404', async () => {
    expect((await get('/c/big?status=<x>&page=-4')).status).toBe(200);
    const missing = await get('/c/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('No campaign');
    expect((await get('/assets/../../package.json')).status).toBe(404);
    expect((await get('/assets/app.js')).headers.get('content-type')).toContain('text/javascript');
    expect((await get('/assets/uPlot.iife.min.js')).status).toBe(200);
  });

  it('refuses a request addressed to another name (DNS rebinding) when no token is set', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const r = request(new URL('/', dash.url), { headers: { host: `rebind.evil.example:${dash.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      r.on('error', reject);
      r.end();
    });
    expect(status).toBe(421);
  });

  it('escapes text from repositories', async () => {
    const { text } = await get('/c/other');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<img src=x');
  });

  it('serves burndown data as JSON series', async () => {
    const res = await get('/c/big/burndown.json');
    const data = JSON.parse(res.text) as Record<string, number[]>;
    expect(data.t!.length).toBeGreaterThan(2);
    expect(data.remaining!.at(-1)).toBe(230 - 138); // 6 of every 10 seeded statuses are terminal
    expect(data.t!.length).toBe(data.open!.length);
  });
});

describe('waves', () => {
  it('shows a campaign paused at its gate: the finished wave with its rate, the held wave, the reason, Resume', async () => {
    await seedCampaign(ctx, { id: 'gated', repos: 30, waves: 3, releasedWaves: 1 });
    await updateCampaign(ctx.redis, ctx.keys, 'gated', (r) => ({
      ...r,
      state: 'paused',
      reason: 'wave 1 verified 50% < gate 80%',
      waves: r.waves.map((w) => (w.index === 0 ? { ...w, result: { verified: 3, applicable: 6, rate: 0.5, finishedAt: new Date().toISOString() } } : w)),
    }));
    const page = (await get('/c/gated')).text;
    const waves = [...page.matchAll(/<tr data-wave="(\d)">[\s\S]*?<span class="cstatus cs-(\w+)">[\s\S]*?<td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(waves).toEqual([
      ['0', 'done', '50%'],
      ['1', 'paused', '–'],
      ['2', 'pending', '–'],
    ]);
    expect(page).toContain('Verified rate (gate 80%)');
    expect(page).toContain('wave 1 verified 50% &lt; gate 80%');
    expect(page).toContain('Resume: release the next wave');
  });
});

describe('synced PR states', () => {
  it('shows the synced state and checks in the row and counts them for the campaign', async () => {
    await seedCampaign(ctx, { id: 'synced', repos: 4, statusOf: () => 'verified' });
    const { repos } = await ctx.store.getCampaignRepos('synced');
    const [a, b] = repos;
    const rec = (r: typeof a, state: 'merged' | 'open', checks: 'failure' | 'success') => ({
      key: r!.key,
      repo: r!.name,
      branch: 'godwit/x',
      found: true,
      number: 7,
      url: 'https://github.com/acme/x/pull/7',
      state,
      checks,
      syncedAt: new Date().toISOString(),
    });
    await savePullRequestStates(ctx.redis, ctx.keys, 'synced', [rec(a, 'merged', 'success'), rec(b, 'open', 'failure')]);
    await new Promise((r) => setTimeout(r, 450)); // past the shared snapshot
    const page = (await get('/c/synced')).text;
    const rowOf = (key: string) => new RegExp(`<tr id="repo-${key}"[\\s\\S]*?</tr>`).exec(page)![0];
    expect(rowOf(a!.key)).toContain('<span class="pr pr-merged">merged</span>');
    expect(rowOf(b!.key)).toContain('<span class="checks c-failure" title="checks">failure</span>');
    expect(page).toContain('PRs: <b>3</b> open · <b>1</b> merged · <b>0</b> closed');
    const data = JSON.parse((await get('/c/synced/burndown.json')).text) as Record<string, number[]>;
    expect(data.merged!.at(-1)).toBe(1);
  });
});

describe('actions', () => {
  async function post(path: string, body: Record<string, string>, headers: Record<string, string> = {}) {
    return get(path, {
      method: 'POST',
      body: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  it('refuses a POST without a valid CSRF token', async () => {
    calls.length = 0;
    expect((await post('/c/big/cancel', {})).status).toBe(403);
    expect((await post('/c/big/cancel', { _csrf: 'forged.token' })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('refuses a cross-origin POST even with a token', async () => {
    const csrf = csrfOf((await get('/c/big')).text);
    calls.length = 0;
    expect((await post('/c/big/cancel', { _csrf: csrf }, { origin: 'http://evil.example' })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('runs the action with a token from a page and redirects back, only to local paths', async () => {
    const page = (await get('/c/big?status=failed')).text;
    const csrf = csrfOf(page);
    const key = /data-repo="([^"]+)" data-state="failed"/.exec(page)![1]!;
    calls.length = 0;
    const retry = await post(`/c/big/r/${key}/retry`, { _csrf: csrf, back: '/c/big?status=failed' });
    expect(retry.status).toBe(303);
    expect(retry.headers.get('location')).toBe('/c/big?status=failed');
    const all = await post('/c/big/retry-failed', { _csrf: csrf, back: '//evil.example/x' });
    expect(all.headers.get('location')).toBe('/c/big');
    await post('/c/big/resume', { _csrf: csrf });
    await post('/c/big/cancel', { _csrf: csrf });
    expect(calls).toEqual([`retry big ${key}`, 'retry-failed big', 'resume big', 'cancel big']);
    expect((await post('/c/big/r/no-such-repo/retry', { _csrf: csrf })).status).toBe(404);
  });
});

describe('actions through the real queue functions', () => {
  it('cancel then resume a campaign from its page', async () => {
    const { campaignId } = await enqueueCampaign(ctx, {
      migration: 'm',
      name: 'cancel-me',
      repos: ['a', 'b'].map((n) => ({ input: `/fake/${n}`, name: n, location: `/fake/${n}` })),
    });
    const real = await startDashboard({ config, port: 0, queue: ctx });
    try {
      const at = (p: string, init: RequestInit = {}) => fetch(new URL(p, real.url), { redirect: 'manual', ...init }).then(async (r) => ({ status: r.status, text: await r.text() }));
      const form = (csrf: string) => ({
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      let page = await at(`/c/${campaignId}`);
      expect(page.text).toContain('data-testid="cancel"');
      expect((await at(`/c/${campaignId}/cancel`, form(csrfOf(page.text)))).status).toBe(303);
      expect((await ctx.store.getCampaign(campaignId))?.state).toBe('cancelled');
      expect(await ctx.store.getCounts(campaignId)).toEqual({ cancelled: 2 });
      await new Promise((r) => setTimeout(r, 450));
      page = await at(`/c/${campaignId}`);
      expect(page.text).toContain('Resume: re-queue cancelled');
      expect((await at(`/c/${campaignId}/resume`, form(csrfOf(page.text)))).status).toBe(303);
      expect((await ctx.store.getCampaign(campaignId))?.state).toBe('running');
      expect(await ctx.store.getCounts(campaignId)).toEqual({ queued: 2 });
      // Retrying a repository that has not finished is refused with the queue's message.
      const key = (await ctx.store.getCampaignRepos(campaignId)).repos[0]!.key;
      const refused = await at(`/c/${campaignId}/r/${key}/retry`, form(csrfOf(page.text)));
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('not finished');
    } finally {
      await real.close();
    }
  });
});

describe('token', () => {
  it('refuses to start on 0.0.0.0 without a token', async () => {
    const error = await startDashboard({ config, host: '0.0.0.0', port: 0, queue: ctx, actions }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    expect((error as GodwitError).code).toBe('dashboard-token-missing');
  });

  it('with a token, requires it: 401, then ?token= login sets a cookie, or a bearer header', async () => {
    const token = 'a-long-random-dashboard-token';
    const guarded = await startDashboard({ config: configSchema.parse({ dashboard: { token } }), host: '0.0.0.0', port: 0, queue: ctx, actions });
    try {
      const at = (p: string, init: RequestInit = {}) => fetch(new URL(p, guarded.url), { redirect: 'manual', ...init });
      const denied = await at('/c/big');
      expect(denied.status).toBe(401);
      expect(await denied.text()).toContain('?token=');
      expect((await at('/c/big?token=wrong')).status).toBe(401);
      const login = await at(`/c/big?status=failed&token=${token}`);
      expect(login.status).toBe(303);
      expect(login.headers.get('location')).toBe('/c/big?status=failed');
      const cookie = login.headers.get('set-cookie')!;
      expect(cookie).toContain('HttpOnly');
      expect(cookie).not.toContain(token);
      expect((await at('/c/big', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
      expect((await at('/', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
