/** The repository page's "After the PR" section: CI feedback rounds, commands received, rebase and merge state. */
import type { FollowUpRecord } from '../../report/run-report.js';
import { html, type SafeHtml } from '../html.js';
import { formatTime } from './format.js';

export function followUpSection(f: FollowUpRecord | undefined): SafeHtml {
  if (!f) return html`<h2>After the PR</h2><p class="muted" data-testid="follow-up">No follow-up yet (no webhook or poll has reached this PR).</p>`;
  const rounds = f.ciRounds.map(
    (r) => html`<tr><td>${r.round}</td><td>${formatTime(r.at)}</td><td><code>${r.headSha.slice(0, 12)}</code></td><td>${r.checks.join(', ')}</td><td><span class="badge ci-${r.outcome}">${r.outcome}</span>${r.commit ? html` <code>${r.commit.slice(0, 12)}</code>` : ''}</td><td class="small">${r.reason}</td></tr>`,
  );
  const commands = f.commands.map(
    (c) => html`<tr><td>${formatTime(c.at)}</td><td>@${c.author}</td><td><code>${c.command}</code></td><td><span class="badge cmd-${c.outcome}">${c.outcome}</span></td><td class="small">${c.reason}</td></tr>`,
  );
  return html`<h2>After the PR <span class="muted small">#${f.number}</span></h2>
<div data-testid="follow-up">
<dl class="facts">
<dt>Merge</dt><dd data-testid="merge-state">${f.merge ? html`<span class="badge merge-${f.merge.state}">${f.merge.state}</span> ${f.merge.reason}${f.merge.method ? html` <span class="muted">(${f.merge.method})</span>` : ''}` : html`<span class="muted">not evaluated yet</span>`}</dd>
${f.rebase ? html`<dt>Rebase</dt><dd>${f.rebase.outcome.replace(/@.*/, '')} — ${f.rebase.reason}</dd>` : ''}
${f.needsHuman ? html`<dt>Status</dt><dd class="warn">handed to humans (CI stayed red)</dd>` : ''}
</dl>
<h3>CI rounds</h3>${rounds.length ? html`<table class="grid compact" data-testid="ci-rounds"><thead><tr><th>#</th><th>When</th><th>Head</th><th>Failing checks</th><th>Outcome</th><th>Reason</th></tr></thead><tbody>${rounds}</tbody></table>` : html`<p class="muted">None.</p>`}
<h3>Commands</h3>${commands.length ? html`<table class="grid compact" data-testid="commands"><thead><tr><th>When</th><th>From</th><th>Command</th><th>Outcome</th><th>Reason</th></tr></thead><tbody>${commands}</tbody></table>` : html`<p class="muted">None.</p>`}
</div>`;
}
