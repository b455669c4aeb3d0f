/** Small formatters and widgets shared by the pages. */
import { html, type SafeHtml } from '../html.js';
import type { CampaignSummary, PrSummary, RepoState } from '../source.js';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatCost(usd: number | undefined): string {
  if (usd === undefined) return '–';
  return usd < 0.01 && usd > 0 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatTokens(n: number | undefined): string {
  if (n === undefined) return '–';
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** Only http(s) links become hrefs: a `javascript:` URL from outside must never be clickable. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Order and labels of the progress bar segments. */
export const PROGRESS_STATES: ReadonlyArray<RepoState> = [
  'verified',
  'no-changes',
  'not-applicable',
  'failed',
  'unverified',
  'baseline-broken',
  'error',
  'cancelled',
  'running',
  'retrying',
  'rate-limited',
  'waiting',
];

export function stateBadge(state: string): SafeHtml {
  return html`<span class="badge s-${state}" data-state="${state}">${state}</span>`;
}

/** A stacked bar as inline SVG: widths are attributes, so no inline style is needed (CSP). */
export function progressBar(c: Pick<CampaignSummary, 'counts' | 'total'>): SafeHtml {
  const total = Math.max(c.total, 1);
  let x = 0;
  const rects: SafeHtml[] = [];
  for (const state of PROGRESS_STATES) {
    const n = c.counts[state] ?? 0;
    if (!n) continue;
    const w = (n / total) * 100;
    rects.push(html`<rect class="s-${state}" x="${x.toFixed(3)}%" y="0" width="${w.toFixed(3)}%" height="100%"><title>${state}: ${n}</title></rect>`);
    x += w;
  }
  return html`<svg class="progress" role="img" aria-label="progress by status" preserveAspectRatio="none">${rects}</svg>`;
}

export function countsLegend(c: Pick<CampaignSummary, 'counts'>): SafeHtml {
  const items = PROGRESS_STATES.filter((s) => (c.counts[s] ?? 0) > 0 || ['verified', 'failed', 'running', 'waiting'].includes(s)).map(
    (s) => html`<li><span class="swatch s-${s}"></span>${s} <b data-count="${s}">${c.counts[s] ?? 0}</b></li>`,
  );
  return html`<ul class="legend">${items}</ul>`;
}

/**
 * The PR with its state and checks. A PR that is not on a web forge (the local forge records it
 * as a file) links to `localHref` — the run page, which shows its diff — when given.
 */
export function prLink(pr: PrSummary | undefined, localHref?: string): SafeHtml {
  if (!pr) return html`<span class="muted">–</span>`;
  const label = pr.number ? `#${pr.number}` : 'PR';
  const href = safeHref(pr.url);
  const link = href
    ? html`<a href="${href}" rel="noopener noreferrer" target="_blank">${label}</a>`
    : localHref
      ? html`<a href="${localHref}" title="${pr.url ?? ''}">${label}</a>`
      : html`<span title="${pr.url ?? ''}">${label}</span>`;
  const checks = pr.checks && (pr.state === 'open' || pr.state === 'draft') ? html` <span class="checks c-${pr.checks}" title="checks">${pr.checks}</span>` : '';
  return html`${link} <span class="pr pr-${pr.state}">${pr.state}</span>${checks}`;
}
