import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueKeys } from '../../src/queue/keys.js';
import { createLlmLimiter, leaseSemaphore, reservePrSlot, settlePrSlot } from '../../src/queue/limits.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let a: Redis;
let b: Redis;

beforeAll(async () => {
  redis = await useTestRedis();
  a = new Redis(redis.url);
  b = new Redis(redis.url); // a second "machine"
});

afterAll(async () => {
  a.disconnect();
  b.disconnect();
  await redis.cleanup();
});

describe('fleet-wide limits in Redis', () => {
  it('the LLM limiter caps concurrent requests across clients and hands a slot over on release', async () => {
    const keys = queueKeys(redis.namespace);
    const one = createLlmLimiter(a, keys, { limit: 2, pollMs: 5 });
    const two = createLlmLimiter(b, keys, { limit: 2, pollMs: 5 });
    const r1 = await one.acquire();
    const r2 = await two.acquire();
    expect(await one.inFlight()).toBe(2);
    let third = false;
    const pending = two.acquire().then((release) => ((third = true), release));
    await new Promise((r) => setTimeout(r, 100));
    expect(third).toBe(false);
    await r1();
    const r3 = await pending;
    expect(third).toBe(true);
    expect(await two.inFlight()).toBe(2);
    await r2();
    await r3();
    expect(await one.inFlight()).toBe(0);
  });

  it('a holder that died frees its slot when the lease expires', async () => {
    const sem = leaseSemaphore(a, `{${redis.namespace}}:test-sem`);
    expect(await sem.tryAcquire('dead', 1, 150)).toBe(true);
    expect(await sem.tryAcquire('alive', 1, 150)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(await sem.tryAcquire('alive', 1, 150)).toBe(true);
  });

  it('PR reservations: per-hour cap across campaigns, open-PR cap per campaign, settled after the run', async () => {
    const keys = queueKeys(redis.namespace); // removed with the namespace in afterAll
    const limits = { prsPerHour: 3, openPrsPerCampaign: 2 };
    expect(await reservePrSlot(a, keys, 'c1', 'r1', limits)).toBe(0);
    expect(await reservePrSlot(a, keys, 'c1', 'r1', limits)).toBe(0); // same job again: idempotent
    expect(await reservePrSlot(a, keys, 'c1', 'r2', limits)).toBe(0);
    expect(await reservePrSlot(a, keys, 'c1', 'r3', limits)).toBeGreaterThan(0); // 2 open in c1
    expect(await reservePrSlot(b, keys, 'c2', 'r1', limits)).toBe(0);
    const wait = await reservePrSlot(b, keys, 'c2', 'r2', limits); // 3 this hour
    expect(wait).toBeGreaterThan(3_500_000);
    // r2 of c1 ended without a PR: both of its reservations are freed.
    await settlePrSlot(a, keys, 'c1', 'r2', { opened: false, open: false });
    expect(await reservePrSlot(b, keys, 'c2', 'r2', limits)).toBe(0);
    expect(await reservePrSlot(a, keys, 'c1', 'r3', limits)).toBeGreaterThan(0); // hour is full again
  });
});
