/**
 * The dashboard's HTTP handler (node:http, no framework): authentication, routing, pages and
 * fragments, JSON for the chart, SSE, static assets, and the POST actions (CSRF-checked).
 */
import type { GodwitMetrics } from '../observe/index.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isGodwitError } from '../errors.js';
import { readAsset } from './assets.js';
import type { SafeHtml } from './html.js';
import { html } from './html.js';
import { campaignPage, filterForm, reposFragment, summaryFragment } from './pages/campaign.js';
import { campaignsFragment, campaignsPage } from './pages/campaigns.js';
import { layout } from './pages/layout.js';
import { repoFragment, repositoryPage } from './pages/repository.js';
import { TOKEN_COOKIE, CsrfGuard, authenticate, cookieValueFor, hostHeaderAllowed, sameOrigin, setSecurityHeaders } from './security.js';
import type { SseHub } from './sse.js';
import { REPO_STATES, type DashboardSource, type RepoPageQuery } from './source.js';

export const PAGE_SIZE = 50;
const MAX_BODY = 16 * 1024;

export interface HandlerOptions {
  source: DashboardSource;
  hub: SseHub;
  token?: string | undefined;
  csrf?: CsrfGuard;
  pageSize?: number | undefined;
  /** Served at GET /metrics (Prometheus text format), behind the same token as the pages. */
  metrics?: GodwitMetrics;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const listQuerySchema = z.object({
  status: z.enum(REPO_STATES).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

const actionBodySchema = z.object({
  _csrf: z.string().min(1),
  // Only local paths: an open redirect would let a link bounce users anywhere.
  back: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/)
    .optional()
    .catch(undefined),
});

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/html; charset=utf-8'): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}

function sendHtml(res: ServerResponse, body: SafeHtml, status = 200): void {
  send(res, status, body.value);
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.end();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new HttpError(415, 'Actions take a form (application/x-www-form-urlencoded).');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function listQuery(url: URL, pageSize: number): RepoPageQuery {
  const parsed = listQuerySchema.parse(Object.fromEntries(url.searchParams));
  return { state: parsed.status, search: parsed.q?.trim() || undefined, page: parsed.page, pageSize };
}

function errorPage(status: number, message: string, csrf: string): SafeHtml {
  return layout({ title: `Error ${status}`, csrf }, html`<h1>Error ${status}</h1><p class="error-message">${message}</p><p><a href="/">Back to campaigns</a></p>`);
}

export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { source, hub } = opts;
  const csrf = opts.csrf ?? new CsrfGuard();
  const pageSize = opts.pageSize ?? PAGE_SIZE;

  async function campaignOr404(id: string) {
    const c = await source.getCampaign(id);
    if (!c) throw new HttpError(404, `No campaign "${id}". The campaigns page lists the ones that exist.`);
    return c;
  }

  async function repoOr404(campaignId: string, repoId: string) {
    const d = await source.getRepo(campaignId, repoId);
    if (!d) throw new HttpError(404, `No repository "${repoId}" in campaign "${campaignId}".`);
    return d;
  }

  async function get(url: URL, req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
    const token = csrf.issue();
    const [a, b, c, d, e, f] = parts;
    if (parts.length === 0) return sendHtml(res, campaignsPage(await source.listCampaigns(), token));
    if (a === 'healthz' && parts.length === 1) return send(res, 200, 'ok\n', 'text/plain; charset=utf-8');
    if (a === 'metrics' && parts.length === 1 && opts.metrics) {
      const { body, contentType } = await opts.metrics.render();
      return send(res, 200, body, contentType);
    }
    if (a === 'favicon.ico' && parts.length === 1) {
      res.statusCode = 204;
      return void res.end();
    }
    if (a === 'events' && parts.length === 1) return hub.open(req, res, url.searchParams.get('campaign') ?? undefined);
    if (a === 'assets' && b && parts.length === 2) {
      const asset = await readAsset(b);
      if (!asset) throw new HttpError(404, 'No such asset.');
      res.setHeader('Cache-Control', 'public, max-age=300');
      return send(res, 200, asset.body, asset.type);
    }
    if (a === 'fragments' && b === 'campaigns' && parts.length === 2) return sendHtml(res, campaignsFragment(await source.listCampaigns()));
    if (a === 'c' && b) {
      if (parts.length === 2) {
        const campaign = await campaignOr404(b);
        const q = listQuery(url, pageSize);
        return sendHtml(res, campaignPage(campaign, await source.listRepos(b, q), q, token));
      }
      if (c === 'burndown.json' && parts.length === 3) {
        await campaignOr404(b);
        const points = await source.burndown(b);
        const body = {
          t: points.map((p) => p.t),
          open: points.map((p) => p.open),
          merged: points.map((p) => p.merged),
          remaining: points.map((p) => p.remaining),
        };
        return send(res, 200, JSON.stringify(body), 'application/json; charset=utf-8');
      }
      if (c === 'fragments' && parts.length === 4) {
        const campaign = await campaignOr404(b);
        if (d === 'summary') return sendHtml(res, summaryFragment(campaign, token));
        if (d === 'filters') return sendHtml(res, filterForm(campaign, listQuery(url, pageSize)));
        if (d === 'repos') {
          const q = listQuery(url, pageSize);
          return sendHtml(res, reposFragment(campaign, await source.listRepos(b, q), q, token));
        }
      }
      if (c === 'r' && d) {
        const campaign = await campaignOr404(b);
        if (parts.length === 4) return sendHtml(res, repositoryPage(campaign, await repoOr404(b, d), token));
        if (e === 'fragment' && parts.length === 5) return sendHtml(res, repoFragment(campaign, await repoOr404(b, d), token));
        if (e === 'report.json' && parts.length === 5 && !f) {
          const detail = await repoOr404(b, d);
          if (!detail.report) throw new HttpError(404, 'This run has no report yet.');
          return send(res, 200, JSON.stringify(detail.report, null, 2), 'application/json; charset=utf-8');
        }
      }
    }
    throw new HttpError(404, 'No such page.');
  }

  async function post(req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
    if (!sameOrigin(req)) throw new HttpError(403, 'Cross-origin request refused.');
    const form = actionBodySchema.safeParse(Object.fromEntries(await readForm(req)));
    if (!form.success || !csrf.verify(form.data._csrf)) {
      throw new HttpError(403, 'Missing or invalid CSRF token: reload the page and try again.');
    }
    const [a, b, c, d, e] = parts;
    if (a !== 'c' || !b) throw new HttpError(404, 'No such action.');
    await campaignOr404(b);
    const back = form.data.back ?? `/c/${encodeURIComponent(b)}`;
    if (parts.length === 3 && c === 'cancel') await source.cancelCampaign(b);
    else if (parts.length === 3 && c === 'resume') await source.resumeCampaign(b);
    else if (parts.length === 3 && c === 'retry-failed') await source.retryFailed(b);
    else if (parts.length === 5 && c === 'r' && d && e === 'retry') {
      await repoOr404(b, d);
      await source.retryRepo(b, d);
    } else throw new HttpError(404, 'No such action.');
    return redirect(res, back);
  }

  return (req, res) => {
    setSecurityHeaders(res);
    if (!hostHeaderAllowed(req, opts.token)) {
      return send(res, 421, 'This dashboard answers to 127.0.0.1/localhost only (no token is set).\n', 'text/plain; charset=utf-8');
    }
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    const auth = authenticate(req, url, opts.token);
    if (auth === 'login' && opts.token) {
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${cookieValueFor(opts.token)}; HttpOnly; SameSite=Strict; Path=/`);
      return redirect(res, `${url.pathname}${url.search}`);
    }
    if (auth === 'denied') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="godwit"');
      return send(
        res,
        401,
        'This dashboard needs its token: open it once with ?token=<GODWIT_DASHBOARD_TOKEN>, or send "Authorization: Bearer <token>".\n',
        'text/plain; charset=utf-8',
      );
    }
    let parts: string[];
    try {
      parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return send(res, 400, 'Malformed URL.\n', 'text/plain; charset=utf-8');
    }
    const work = req.method === 'GET' || req.method === 'HEAD' ? get(url, req, res, parts) : req.method === 'POST' ? post(req, res, parts) : Promise.reject(new HttpError(405, 'Method not allowed.'));
    work.catch((error: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      const status = error instanceof HttpError ? error.status : isGodwitError(error) ? 409 : 500;
      const message = error instanceof HttpError ? error.message : isGodwitError(error) ? `${error.message}${error.hint ? ` — ${error.hint}` : ''}` : 'Internal error; see the dashboard process output.';
      if (status === 500 && !isGodwitError(error)) console.error('godwit dashboard:', error);
      sendHtml(res, errorPage(status, message, csrf.issue()), status);
    });
  };
}
