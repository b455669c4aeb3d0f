/**
 * The campaign page: status counts, burndown chart, waves, and the repository table
 * (filterable by state, searchable, paginated on the server).
 */
import { html, query, type SafeHtml } from '../html.js';
import { REPO_STATES, type CampaignSummary, type RepoPage, type RepoPageQuery, type RepoRow } from '../source.js';
import { countsLegend, formatCost, formatDuration, formatTime, formatTokens, prLink, progressBar, stateBadge } from './format.js';
import { actionForm, layout } from './layout.js';
import { campaignPath } from './campaigns.js';

export function repoPath(campaignId: string, repoId: string): string {
  return `${campaignPath(campaignId)}/r/${encodeURIComponent(repoId)}`;
}

const RETRYABLE = new Set(['failed', 'unverified', 'error', 'baseline-broken', 'cancelled']);

export function repoRow(campaignId: string, r: RepoRow, csrf: string, back: string): SafeHtml {
  return html`<tr id="repo-${r.id}" data-repo="${r.id}" data-state="${r.state}">
<td><a href="${repoPath(campaignId, r.id)}">${r.repo}</a>${r.reason ? html`<div class="muted small reason">${r.reason}</div>` : ''}</td>
<td>${stateBadge(r.state)}</td>
<td>${r.stage ?? '–'}</td>
<td>${prLink(r.pr, repoPath(campaignId, r.id))}</td>
<td class="num">${r.iterations ?? '–'}</td>
<td class="num">${formatTokens(r.tokens)} / ${formatCost(r.costUsd)}</td>
<td class="num">${formatDuration(r.durationMs)}</td>
<td>${RETRYABLE.has(r.state) ? actionForm(`${repoPath(campaignId, r.id)}/retry`, 'Retry', csrf, { back, testid: 'retry-repo' }) : ''}</td>
</tr>`;
}

export function summaryFragment(c: CampaignSummary, csrf: string): SafeHtml {
  const back = campaignPath(c.id);
  const waves = c.waves.length
    ? html`<table class="grid compact waves"><thead><tr><th>Wave</th><th>Status</th><th>Finished</th><th>Verified rate${c.gate !== undefined ? ` (gate ${Math.round(c.gate * 100)}%)` : ''}</th></tr></thead><tbody>${c.waves.map(
        (w) =>
          html`<tr data-wave="${w.index}"><td>${w.index + 1}</td><td><span class="cstatus cs-${w.status}">${w.status}</span></td><td>${w.done} / ${w.total}</td><td>${w.rate !== undefined ? `${Math.round(w.rate * 100)}%` : '–'}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">One wave.</p>`;
  const retryable = (c.counts.failed ?? 0) + (c.counts.error ?? 0);
  return html`<section id="summary" data-live-src="${campaignPath(c.id)}/fragments/summary">
<div class="head-row"><div><span class="cstatus cs-${c.status}" data-testid="campaign-status">${c.status}</span> · started ${formatTime(c.createdAt)} · ${c.total} repositories</div>
<div class="actions">
${retryable ? actionForm(`${back}/retry-failed`, `Retry ${retryable} failed/errored`, csrf, { back, testid: 'retry-failed' }) : ''}
${c.status === 'paused' ? actionForm(`${back}/resume`, 'Resume: release the next wave', csrf, { back, testid: 'resume' }) : ''}
${c.status === 'cancelled' ? actionForm(`${back}/resume`, 'Resume: re-queue cancelled', csrf, { back, testid: 'resume' }) : ''}
${c.status === 'running' || c.status === 'paused' ? actionForm(`${back}/cancel`, 'Cancel campaign', csrf, { back, danger: true, testid: 'cancel' }) : ''}
</div></div>
${c.reason ? html`<p class="reason" data-testid="campaign-reason">${c.reason}</p>` : ''}
${progressBar(c)}${countsLegend(c)}
<div class="prs">PRs: <b>${c.prs.open}</b> open · <b>${c.prs.merged}</b> merged · <b>${c.prs.closed}</b> closed</div>
<h2>Waves</h2>${waves}
</section>`;
}

export function reposFragment(c: CampaignSummary, page: RepoPage, q: RepoPageQuery, csrf: string): SafeHtml {
  const base = campaignPath(c.id);
  const params = { status: q.state, q: q.search };
  const back = `${base}${query({ ...params, page: q.page > 1 ? q.page : undefined })}`;
  const pages = Math.max(1, Math.ceil(page.total / q.pageSize));
  const link = (p: number, label: string) => html`<a href="${base}${query({ ...params, page: p })}" data-page="${p}">${label}</a>`;
  const rows = page.rows.length
    ? page.rows.map((r) => repoRow(c.id, r, csrf, back))
    : html`<tr><td colspan="8" class="empty">No repositories match.</td></tr>`;
  return html`<section id="repos" data-live-src="${base}/fragments/repos${query({ ...params, page: q.page })}">
<table class="grid repos"><thead><tr><th>Repository</th><th>Status</th><th>Stage</th><th>PR</th><th>Iterations</th><th>Tokens / cost</th><th>Duration</th><th></th></tr></thead>
<tbody id="repo-rows">${rows}</tbody></table>
<nav class="pager" data-testid="pager">${q.page > 1 ? link(q.page - 1, '← previous') : ''}
<span>page ${q.page} of ${pages} · ${page.total} repositories</span>
${q.page < pages ? link(q.page + 1, 'next →') : ''}</nav>
</section>`;
}

export function filterForm(c: CampaignSummary, q: RepoPageQuery): SafeHtml {
  const options = REPO_STATES.map(
    (s) => html`<option value="${s}"${q.state === s ? html` selected` : ''}>${s} (${c.counts[s] ?? 0})</option>`,
  );
  return html`<form method="get" action="${campaignPath(c.id)}" class="filters" role="search">
<label>Status <select name="status"><option value="">all (${c.total})</option>${options}</select></label>
<label>Search <input type="search" name="q" value="${q.search ?? ''}" placeholder="owner/name"></label>
<button type="submit">Filter</button></form>`;
}

export function campaignPage(c: CampaignSummary, page: RepoPage, q: RepoPageQuery, csrf: string): SafeHtml {
  const body = html`<h1>${c.name} <span class="muted small">${c.migrationId}${c.name !== c.id ? ` · ${c.id}` : ''}</span></h1>
${summaryFragment(c, csrf)}
<h2>Burndown</h2>
<div id="burndown" class="chart" data-src="${campaignPath(c.id)}/burndown.json"></div>
<h2>Repositories</h2>
${filterForm(c, q)}
${reposFragment(c, page, q, csrf)}`;
  return layout(
    {
      title: c.name,
      csrf,
      live: { campaign: c.id },
      styles: ['uPlot.min.css'],
      scripts: ['uPlot.iife.min.js', 'burndown.js'],
      breadcrumbs: [{ label: c.name }],
    },
    body,
  );
}
