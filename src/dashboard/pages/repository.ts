/**
 * One repository's run: stage timeline, baseline vs final verifiers, guard findings, judge,
 * the diff, the LLM transcript, log lines and the PR. All text from the report is escaped.
 */
import type { RunReport, TranscriptEntry, VerifierResult } from '../../report/run-report.js';
import { renderDiff } from '../diff-highlight.js';
import { html, type SafeHtml } from '../html.js';
import type { CampaignSummary, RepoDetail } from '../source.js';
import { campaignPath } from './campaigns.js';
import { repoPath } from './campaign.js';
import { formatCost, formatDuration, formatTime, formatTokens, prLink, safeHref, stateBadge } from './format.js';
import { actionForm, layout } from './layout.js';
import { followUpSection } from './follow-up.js';

const RETRYABLE = new Set(['failed', 'unverified', 'error', 'baseline-broken', 'cancelled']);

function timeline(report: RunReport): SafeHtml {
  const total = Math.max(1, report.stages.reduce((n, s) => n + s.durationMs, 0));
  let offset = 0;
  // Each bar starts where the previous stage ended: a small Gantt chart of the run.
  const items = report.stages.map((s) => {
    const x = (offset / total) * 100;
    offset += s.durationMs;
    return html`<li class="stage st-${s.status}" data-stage="${s.name}">
<svg class="stage-bar" preserveAspectRatio="none"><rect x="${x.toFixed(2)}%" width="${Math.max(0.5, (s.durationMs / total) * 100).toFixed(2)}%" height="100%"></rect></svg>
<span class="stage-name">${s.name}</span> <span class="badge st-${s.status}">${s.status}</span> <span class="muted">${formatDuration(s.durationMs)}</span>
${s.summary ? html`<div class="small">${s.summary}</div>` : ''}</li>`;
  });
  return html`<ol class="timeline" data-testid="timeline">${items}</ol>`;
}

function verifierCell(r: VerifierResult | undefined): SafeHtml {
  if (!r) return html`<td class="muted">–</td>`;
  const tests = r.tests ? html`<div class="small">${r.tests.passed} passed · ${r.tests.failed} failed · ${r.tests.skipped} skipped</div>` : '';
  const diags = r.diagnostics.slice(0, 20).map(
    (d) => html`<li><code>${d.file ?? ''}${d.line ? `:${d.line}` : ''}</code> ${d.code ? html`<span class="muted">${d.code}</span> ` : ''}${d.message}</li>`,
  );
  const more = r.diagnosticsTotal > r.diagnostics.length ? html`<li class="muted">… ${r.diagnosticsTotal - r.diagnostics.length} more</li>` : '';
  const tail = !r.diagnostics.length && r.status !== 'pass' && r.outputTail ? html`<pre class="tail">${r.outputTail}</pre>` : '';
  return html`<td><span class="badge v-${r.status}">${r.status}</span> <span class="muted small">${formatDuration(r.durationMs)} · <code>${r.command}</code></span>${tests}
${diags.length ? html`<ul class="diags">${diags}${more}</ul>` : ''}${tail}${r.newDiagnostics?.length ? html`<div class="small warn">${r.newDiagnostics.length} new since baseline</div>` : ''}</td>`;
}

function verifiers(report: RunReport): SafeHtml {
  const kinds = [...new Set([...report.baseline, ...report.final].map((r) => r.kind))];
  if (!kinds.length) return html`<p class="muted">No verifiers ran.</p>`;
  const rows = kinds.map(
    (k) => html`<tr><th>${k}</th>${verifierCell(report.baseline.find((r) => r.kind === k))}${verifierCell(report.final.find((r) => r.kind === k))}</tr>`,
  );
  return html`<table class="grid verifiers"><thead><tr><th></th><th>Baseline</th><th>Final</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function guards(report: RunReport): SafeHtml {
  if (!report.guards.length) return html`<p class="muted">No findings.</p>`;
  return html`<ul class="guards">${report.guards.map(
    (g) => html`<li class="g-${g.severity}"><span class="badge g-${g.severity}">${g.severity}</span> <b>${g.guard}</b> ${g.message}${g.file ? html` <code>${g.file}${g.line ? `:${g.line}` : ''}</code>` : ''}</li>`,
  )}</ul>`;
}

function sites(report: RunReport): SafeHtml {
  const s = report.sites;
  if (!s) return html`<p class="muted">No change sites recorded.</p>`;
  const listed = s.leftovers ?? [];
  return html`<p data-testid="sites">${s.found} found · ${s.handledByCodemod} handled by the codemod · ${s.left} left for the agent</p>
${listed.length ? html`<ul class="sites">${listed.map((l) => html`<li><code>${l.file}:${l.line}:${l.column}</code> ${l.reason ?? l.kind}</li>`)}</ul>${s.left > listed.length ? html`<p class="muted small">… and ${s.left - listed.length} more (see the log)</p>` : ''}` : ''}`;
}

function judge(report: RunReport): SafeHtml {
  const j = report.judge;
  if (!j) return html`<p class="muted">No judge.</p>`;
  return html`<p><span class="badge j-${j.verdict}">${j.verdict}</span> <span class="muted">mode ${j.mode}${j.corrected ? ' · corrected' : ''}</span></p>
${j.reasons.length ? html`<ul>${j.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}`;
}

/** Characters of one transcript message shown on the page (tool results can be whole files). */
const MAX_TURN_CHARS = 20_000;

function clip(text: string): string {
  return text.length > MAX_TURN_CHARS ? `${text.slice(0, MAX_TURN_CHARS)}\n… ${text.length - MAX_TURN_CHARS} more characters (see report.json)` : text;
}

function turn(entry: TranscriptEntry, i: number): SafeHtml {
  const calls = (entry.toolCalls ?? []).map(
    (c) => html`<div class="tool-call"><span class="muted">tool call</span> <b>${c.name}</b> <span class="muted small">${c.id}</span><pre>${clip(prettyJson(c.arguments))}</pre></div>`,
  );
  const usage = entry.usage
    ? html`<span class="muted small">${entry.usage.promptTokens ?? 0} in · ${entry.usage.completionTokens ?? 0} out tokens</span>`
    : '';
  return html`<li class="turn role-${entry.role}" data-turn="${i}"><div class="turn-head"><b>${entry.role}</b>${entry.toolCallId ? html` <span class="muted small">result of ${entry.toolCallId}</span>` : ''} ${usage}</div>
${entry.content ? html`<pre class="turn-text">${clip(entry.content)}</pre>` : ''}${calls}</li>`;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function transcript(report: RunReport): SafeHtml {
  const a = report.agent;
  if (!a) return html`<p class="muted">The agent did not run.</p>`;
  const iterations = a.iterations.map(
    (it) => html`<tr><td>${it.index + 1}</td><td>${it.editsApplied} applied / ${it.editsRefused} refused</td><td>${it.verify.map((v) => html`<span class="badge v-${v.status}">${v.kind}</span> `)}</td><td class="num">${formatTokens(it.usage.totalTokens)}</td><td class="num">${formatDuration(it.durationMs)}</td></tr>`,
  );
  return html`<p class="muted">model ${a.model ?? 'unknown'} · ${a.iterations.length} iterations</p>
${iterations.length ? html`<table class="grid compact"><thead><tr><th>#</th><th>Edits</th><th>Verify</th><th>Tokens</th><th>Duration</th></tr></thead><tbody>${iterations}</tbody></table>` : ''}
${a.finalReport ? html`<h3>Agent's final report</h3><pre class="turn-text">${a.finalReport}</pre>` : ''}
<h3>Transcript</h3><ol class="transcript" data-testid="transcript">${a.transcript.map(turn)}</ol>`;
}

function logs(lines: string[]): SafeHtml {
  if (!lines.length) return html`<p class="muted">No log lines.</p>`;
  return html`<pre class="logs" data-testid="logs">${lines.join('\n')}</pre>`;
}

export function repoFragment(c: CampaignSummary, d: RepoDetail, csrf: string): SafeHtml {
  const { row, report } = d;
  const self = repoPath(c.id, row.id);
  const head = html`<div class="head-row"><div>${stateBadge(row.state)} ${row.stage ? html`<span class="muted">stage ${row.stage}</span>` : ''}
${row.reason ? html`<div class="reason">${row.reason}</div>` : ''}</div>
<div class="actions">${RETRYABLE.has(row.state) ? actionForm(`${self}/retry`, 'Retry', csrf, { back: self, testid: 'retry-repo' }) : ''}</div></div>`;
  if (!report) {
    return html`<div id="repo-main" data-live-src="${self}/fragment">${head}
${d.reportProblem ? html`<p class="reason" data-testid="report-problem">${d.reportProblem}</p>` : html`<p class="muted">No report yet: the run has not finished.</p>`}${d.liveLogs?.length ? html`<h2>Log</h2>${logs(d.liveLogs)}` : ''}${d.followUp ? followUpSection(d.followUp) : ''}</div>`;
  }
  const prHref = safeHref(report.pr?.url);
  const logLines = report.logs.map((l) => `${l.ts} ${l.level.padEnd(5)} ${l.stage ? `[${l.stage}] ` : ''}${l.message}`);
  return html`<div id="repo-main" data-live-src="${self}/fragment">${head}
<dl class="facts">
<dt>Reason</dt><dd>${report.reason}</dd>
${report.error ? html`<dt>Error</dt><dd><code>${report.error.code}</code> ${report.error.message}${report.error.hint ? html`<div class="muted">${report.error.hint}</div>` : ''}</dd>` : ''}
<dt>Started</dt><dd>${formatTime(report.startedAt)} · ${formatDuration(report.durationMs)}</dd>
${report.sandbox ? html`<dt>Sandbox</dt><dd data-testid="sandbox">${report.sandbox.level === 'off' ? html`<strong class="reason">not sandboxed</strong> — repository commands ran on the host as uid ${String(report.sandbox.uid)}, with its network (sandbox.level off)` : html`bubblewrap · uid ${String(report.sandbox.uid)} · no network`}</dd>` : ''}
<dt>Usage</dt><dd>${report.usage.requests} requests · ${formatTokens(report.usage.totalTokens)} tokens · ${formatCost(report.usage.costUsd)}</dd>
<dt>Pull request</dt><dd>${row.pr ? html`${prLink(row.pr)}${!safeHref(row.pr.url) && row.pr.url ? html` <code class="small">${row.pr.url}</code>` : ''}` : report.pr ? html`${prHref ? html`<a href="${prHref}" rel="noopener noreferrer" target="_blank">${report.pr.url}</a>` : report.pr.branch} <span class="muted">${report.pr.action}</span>` : html`<span class="muted">none</span>`}</dd>
</dl>
${followUpSection(d.followUp)}
<h2>Stages</h2>${timeline(report)}
<h2>Change sites</h2>${sites(report)}
<h2>Verifiers</h2>${verifiers(report)}
<h2>Guards</h2>${guards(report)}
<h2>Judge</h2>${judge(report)}
<h2>Diff <span class="muted small">${report.changedFiles.length} files · <a href="${self}/report.json">report.json</a></span></h2>${renderDiff(report.diff)}
<h2>Agent</h2>${transcript(report)}
<h2>Log</h2>${logs(logLines)}
</div>`;
}

export function repositoryPage(c: CampaignSummary, d: RepoDetail, csrf: string): SafeHtml {
  return layout(
    {
      title: d.row.repo,
      csrf,
      live: { campaign: c.id },
      breadcrumbs: [{ href: campaignPath(c.id), label: c.name }, { label: d.row.repo }],
    },
    html`<h1>${d.row.repo}</h1>${repoFragment(c, d, csrf)}`,
  );
}
