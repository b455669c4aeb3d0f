/** `/`: every campaign with its migration, start time, progress by status and PR counts. */
import { html, type SafeHtml } from '../html.js';
import type { CampaignSummary } from '../source.js';
import { countsLegend, formatTime, progressBar } from './format.js';
import { layout } from './layout.js';

export function campaignPath(id: string): string {
  return `/c/${encodeURIComponent(id)}`;
}

export function campaignsFragment(campaigns: CampaignSummary[]): SafeHtml {
  if (!campaigns.length) {
    return html`<div id="campaigns" data-live-src="/fragments/campaigns"><p class="empty">No campaigns yet. Start one with <code>godwit enqueue &lt;migration&gt; --repos repos.txt</code>.</p></div>`;
  }
  const rows = campaigns.map((c) => {
    const finished = Object.entries(c.counts)
      .filter(([s]) => !['running', 'waiting', 'rate-limited'].includes(s))
      .reduce((n, [, v]) => n + (v ?? 0), 0);
    return html`<tr data-campaign="${c.id}">
<td><a href="${campaignPath(c.id)}">${c.name}</a><div class="muted small">migration <b>${c.migrationId}</b>${c.name !== c.id ? ` · ${c.id}` : ''}</div></td>
<td>${formatTime(c.createdAt)}</td>
<td><span class="cstatus cs-${c.status}">${c.status}</span></td>
<td class="progress-cell">${progressBar(c)}<div class="small">${finished} / ${c.total} finished</div>${countsLegend(c)}</td>
<td class="num"><span class="pr pr-open">${c.prs.open}</span> open</td>
<td class="num"><span class="pr pr-merged">${c.prs.merged}</span> merged</td>
<td class="num"><span class="pr pr-closed">${c.prs.closed}</span> closed</td>
</tr>`;
  });
  return html`<div id="campaigns" data-live-src="/fragments/campaigns"><table class="grid">
<thead><tr><th>Campaign</th><th>Started</th><th>Status</th><th>Progress</th><th colspan="3">Pull requests</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

export function campaignsPage(campaigns: CampaignSummary[], csrf: string): SafeHtml {
  return layout({ title: 'Campaigns', csrf, live: {} }, html`<h1>Campaigns</h1>${campaignsFragment(campaigns)}`);
}
