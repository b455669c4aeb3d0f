/** The campaign read/operate commands through the CLI entry: campaigns, status, cancel, resume, retry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { QueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { fakeRepos, openTestContext } from '../queue/helpers.js';

let redis: TestRedis;
let ctx: QueueContext;

beforeAll(async () => {
  redis = await useTestRedis();
  ctx = await openTestContext(redis);
  process.env.REDIS_URL = redis.url;
  process.env.GODWIT_QUEUE_NAMESPACE = redis.namespace;
});

afterAll(async () => {
  await ctx?.close();
  await redis?.cleanup();
});

async function godwit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'godwit', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('campaign commands', () => {
  it('campaigns, status, cancel, resume and retry on a campaign no worker has touched', async () => {
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'm', repos: fakeRepos(['one', 'two', 'three']), waves: [2, Infinity], name: 'Ops Test' });
    expect(campaignId).toBe('ops-test');

    const list = await godwit('campaigns', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ campaignId: 'ops-test', migration: 'm', state: 'running', total: 3, counts: { queued: 2, pending: 1 } }),
    ]);

    const status = await godwit('status', 'ops-test', '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({
      campaignId: 'ops-test',
      counts: { queued: 2, pending: 1 },
      repos: [
        { repo: 'one', status: 'queued', stage: null, pr: null },
        { repo: 'three', status: 'pending', stage: null, pr: null },
        { repo: 'two', status: 'queued', stage: null, pr: null },
      ],
    });
    const human = await godwit('status', 'ops-test');
    expect(human.stdout).toContain('ops-test (m): running');
    expect(human.stdout).toMatch(/queued\s+one/);

    const cancel = await godwit('cancel', 'ops-test', '--json');
    expect(JSON.parse(cancel.stdout)).toEqual({ campaignId: 'ops-test', removed: 3, active: 0 });
    expect(await ctx.repoQueue.getWaitingCount()).toBe(0);
    expect((await godwit('campaigns')).stdout).toMatch(/ops-test\s+m\s+cancelled/);

    const resume = await godwit('resume', 'ops-test', '--json');
    expect(JSON.parse(resume.stdout)).toMatchObject({ campaignId: 'ops-test', jobs: 3 });
    expect(await ctx.repoQueue.getWaitingCount()).toBe(3);
    expect(await ctx.store.getCounts('ops-test')).toEqual({ queued: 3 });

    const retry = await godwit('retry', 'ops-test', '--failed', '--json');
    expect(JSON.parse(retry.stdout)).toEqual({ campaignId: 'ops-test', statuses: ['failed'], jobs: 0 });
  });

  it('an unknown campaign is a usage error that says how to list them', async () => {
    const result = await godwit('status', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No campaign "nope"');
    expect(result.stderr).toContain('godwit campaigns');
  });

  it('without REDIS_URL the commands say how to get one', async () => {
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    try {
      const result = await godwit('campaigns');
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('REDIS_URL');
      expect(result.stderr).toContain('godwit demo');
    } finally {
      process.env.REDIS_URL = saved;
    }
  });
});
