/**
 * Server-Sent Events: each open page holds one `GET /events` stream; changes from the queue
 * are fanned out to the streams that care (all campaigns, or one). A comment line every 15 s
 * keeps proxies from closing idle streams. Events are coalesced for a short moment so that a
 * burst (enqueueing 5,000 jobs) becomes a handful of messages, one per changed repository.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveEvent } from './source.js';

interface Client {
  res: ServerResponse;
  campaign?: string;
}

export class SseHub {
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;
  private pending = new Map<string, LiveEvent>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    heartbeatMs = 15_000,
    private readonly coalesceMs = 100,
  ) {
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.res.write(': ping\n\n');
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  open(req: IncomingMessage, res: ServerResponse, campaign: string | undefined): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    const client: Client = { res, ...(campaign ? { campaign } : {}) };
    this.clients.add(client);
    const drop = () => this.clients.delete(client);
    req.on('close', drop);
    res.on('error', drop);
  }

  publish(event: LiveEvent): void {
    if (!this.clients.size) return;
    // Many changes to many repositories of one campaign collapse to one campaign-wide event.
    const key = `${event.campaignId ?? ''}\u0000${event.repoId ?? ''}`;
    this.pending.delete(key);
    this.pending.set(key, event);
    if (this.pending.size > 50) {
      const byCampaign = new Map<string, LiveEvent>();
      for (const e of this.pending.values()) byCampaign.set(e.campaignId ?? '', { ...(e.campaignId !== undefined ? { campaignId: e.campaignId } : {}), state: 'many' });
      this.pending = new Map([...byCampaign].map(([c, e]) => [`${c}\u0000`, e]));
    }
    this.flushTimer ??= setTimeout(() => this.flush(), this.coalesceMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const events = [...this.pending.values()];
    this.pending.clear();
    for (const event of events) this.send(event);
  }

  private send(event: LiveEvent): void {
    const data = `event: change\ndata: ${JSON.stringify(event)}\n\n`;
    for (const c of this.clients) {
      if (!c.campaign || !event.campaignId || c.campaign === event.campaignId) c.res.write(data);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}
