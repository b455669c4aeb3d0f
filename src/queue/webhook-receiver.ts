/**
 * The webhook endpoint (`godwit webhooks`, POST /webhooks/github): reads the raw body (capped
 * at GitHub's 25 MB), verifies X-Hub-Signature-256 with @octokit/webhooks before parsing
 * anything — a forged or unsigned delivery gets 401 and changes nothing — drops a delivery id
 * already seen (200, "duplicate"), turns the event into follow-up triggers and enqueues them
 * as BullMQ jobs. It answers fast: the work happens in the worker.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RedisClient as Redis } from './connection.js';
import { GodwitError } from '../errors.js';
import { triggersOf, verifySignature } from '../forge/github/webhook-events.js';
import { claimDelivery, deliveryKey, type FollowUpEnqueuer } from './followup-queue.js';
import type { QueueKeys } from './keys.js';

export const WEBHOOK_PATH = '/webhooks/github';
const MAX_BODY = 25 * 1024 * 1024;

export interface WebhookReceiverDeps {
  secret: string;
  redis: Redis;
  keys: QueueKeys;
  enqueuer: FollowUpEnqueuer;
  /** One line per delivery (never the body). */
  log?: (line: string) => void;
}

function send(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createWebhookHandler(deps: WebhookReceiverDeps) {
  const log = deps.log ?? (() => {});
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return send(res, 200, { ok: true });
    if (url.pathname !== WEBHOOK_PATH) return send(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
    const raw = await readBody(req);
    if (raw === undefined) return send(res, 413, { error: 'payload too large' });
    const event = String(req.headers['x-github-event'] ?? '');
    const delivery = String(req.headers['x-github-delivery'] ?? '');
    const signature = req.headers['x-hub-signature-256'];
    if (!(await verifySignature(deps.secret, raw, typeof signature === 'string' ? signature : undefined))) {
      log(`✗ ${event || '?'} ${delivery || '?'}: bad signature (401)`);
      return send(res, 401, { error: 'signature does not match' });
    }
    if (!/^[A-Za-z0-9-]{1,100}$/.test(delivery) || !event) return send(res, 400, { error: 'missing X-GitHub-Delivery or X-GitHub-Event' });
    if (event === 'ping') return send(res, 200, { ok: true, event });
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    const triggers = triggersOf(event, payload);
    if (!(await claimDelivery(deps.redis, deps.keys, delivery))) {
      log(`= ${event} ${delivery}: duplicate, dropped`);
      return send(res, 200, { ok: true, duplicate: true });
    }
    try {
      const n = triggers.length ? await deps.enqueuer.enqueue(delivery, triggers) : 0;
      log(`✓ ${event} ${delivery}: ${n} job(s)`);
      return send(res, 202, { ok: true, jobs: n });
    } catch (error) {
      // Let GitHub's redelivery try again: forget the id.
      await deps.redis.del(deliveryKey(deps.keys, delivery)).catch(() => {});
      log(`✗ ${event} ${delivery}: ${(error as Error).message}`);
      return send(res, 503, { error: 'could not enqueue; redeliver later' });
    }
  };
}

export interface WebhookServer {
  url: string;
  close(): Promise<void>;
}

export function requireWebhookSecret(secret: string | undefined): string {
  if (!secret?.trim()) {
    throw new GodwitError(
      'webhook-secret-missing',
      'GODWIT_WEBHOOK_SECRET is not set, so godwit cannot verify webhook deliveries.',
      'Set GODWIT_WEBHOOK_SECRET to the secret configured on the GitHub webhook or App (docs/github.md).',
    );
  }
  return secret;
}

export function startWebhookServer(deps: WebhookReceiverDeps, host: string, port: number): Promise<WebhookServer> {
  const handler = createWebhookHandler(deps);
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: (error as Error).message });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      resolve({
        url: `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}${WEBHOOK_PATH}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
