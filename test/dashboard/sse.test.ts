/** The SSE hub over a real HTTP server: filtering by campaign and coalescing bursts. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseHub } from '../../src/dashboard/sse.js';

let server: http.Server;
let hub: SseHub;
let base: string;

beforeAll(async () => {
  hub = new SseHub(60_000, 50);
  server = http.createServer((req, res) => hub.open(req, res, new URL(req.url!, 'http://x').searchParams.get('campaign') ?? undefined));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hub.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Opens a stream and collects the `change` events it receives. */
async function listen(path: string): Promise<{ events: Array<Record<string, string>>; stop: () => void }> {
  const controller = new AbortController();
  const res = await fetch(`${base}${path}`, { signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Array<Record<string, string>> = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (block.includes('event: change') && data) events.push(JSON.parse(data[1]!) as Record<string, string>);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { events, stop: () => controller.abort() };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('SseHub', () => {
  it('sends a campaign stream only its campaign, and the all-campaigns stream everything', async () => {
    const one = await listen('/events?campaign=c1');
    const all = await listen('/events');
    await until(() => hub.size === 2);
    hub.publish({ campaignId: 'c1', repoId: 'r1', state: 'active' });
    hub.publish({ campaignId: 'c2', repoId: 'r9', state: 'active' });
    await until(() => all.events.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(one.events).toEqual([{ campaignId: 'c1', repoId: 'r1', state: 'active' }]);
    expect(all.events.map((e) => e.campaignId).sort()).toEqual(['c1', 'c2']);
    one.stop();
    all.stop();
    await until(() => hub.size === 0);
    expect(hub.size).toBe(0);
  });

  it('coalesces a burst: one message per repository, one per campaign past 50', async () => {
    const s = await listen('/events?campaign=big');
    await until(() => hub.size === 1);
    for (let i = 0; i < 3; i++) for (const state of ['waiting', 'active', 'completed']) hub.publish({ campaignId: 'big', repoId: `r${i}`, state });
    await until(() => s.events.length >= 3);
    await new Promise((r) => setTimeout(r, 120));
    expect(s.events.map((e) => `${e.repoId}:${e.state}`)).toEqual(['r0:completed', 'r1:completed', 'r2:completed']);
    s.events.length = 0;
    for (let i = 0; i < 5000; i++) hub.publish({ campaignId: 'big', repoId: `r${i}`, state: 'added' });
    await until(() => s.events.length >= 1);
    await new Promise((r) => setTimeout(r, 120));
    expect(s.events.length).toBeLessThanOrEqual(51);
    expect(s.events.at(-1)).toMatchObject({ campaignId: 'big' });
    s.stop();
  });
});
