/**
 * The pull request body a reviewer reads: what the migration is and why, what changed, how it
 * was verified (baseline → after), what the guards and the judge found, what it cost, the
 * agent's own report, and how to re-run. Everything that comes from a repository or the LLM
 * is untrusted: HTML is escaped, @mentions are defused, and code goes into fences longer than
 * any backtick run inside it. The body fits GitHub's 65,536-character limit by trimming the
 * longest parts first.
 */
import type { GuardFinding, RunReport, VerifierResult } from '../report/run-report.js';

export const GITHUB_BODY_LIMIT = 65_536;
/** Headroom below GitHub's limit (it counts characters differently from UTF-16 length at the edges). */
const BODY_BUDGET = GITHUB_BODY_LIMIT - 512;

export interface PullRequestBodyMigration {
  id?: string;
  title: string;
  description: string;
  /** The migration's own PR text (`pr.body`); `{{repo}}` and `{{migration}}` (the id) are replaced. */
  prBody?: string;
}

/** Escapes text for markdown prose: no raw HTML, no pings, no accidental table breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b');
}

/** Inline code that cannot be broken out of (backticks inside get a longer delimiter). */
export function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick or tilde run in the content. */
export function fenced(content: string, info = ''): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${content.replace(/\n+$/, '')}\n${fence}`;
}

/** Quotes untrusted markdown (the agent's report) as escaped prose inside a blockquote. */
function quoted(text: string): string {
  return escapeText(text.trim())
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function statusCell(r: VerifierResult | undefined): string {
  if (!r) return '—';
  const icon = r.status === 'pass' ? '✅' : r.status === 'skipped' ? '⏭️' : '❌';
  const extra: string[] = [];
  if (r.tests) extra.push(r.tests.failed > 0 ? `${r.tests.failed}/${r.tests.total} tests failed` : `${r.tests.passed} tests`);
  if (r.status !== 'pass' && r.diagnosticsTotal > 0) extra.push(`${r.diagnosticsTotal} diagnostics`);
  return `${icon} ${r.status}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

function verificationTable(report: RunReport): string {
  const kinds = [...new Set([...report.baseline, ...report.final].map((r) => r.kind))];
  if (kinds.length === 0) return '_No verifiers ran._';
  const rows = kinds.map((kind) => {
    const before = report.baseline.find((r) => r.kind === kind);
    const after = report.final.find((r) => r.kind === kind);
    const command = (after ?? before)?.command ?? '';
    const delta: string[] = [];
    if (after?.newDiagnostics?.length) delta.push(`${after.newDiagnostics.length} new`);
    if (after?.fixedCount) delta.push(`${after.fixedCount} fixed`);
    return `| ${kind} | ${command ? inlineCode(command).replace(/\|/g, '\\|') : ''} | ${statusCell(before)} | ${statusCell(after)} | ${delta.join(', ') || ''} |`;
  });
  return ['| Verifier | Command | Baseline | After | Change |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function diagnosticsText(report: RunReport): string {
  const lines: string[] = [];
  for (const r of report.final) {
    const list = r.newDiagnostics?.length ? r.newDiagnostics : r.status === 'pass' ? [] : r.diagnostics;
    for (const d of list) {
      const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''} ` : '';
      lines.push(`[${r.kind}] ${where}${d.code ? `${d.code} ` : ''}${d.message}`);
    }
  }
  return lines.join('\n');
}

function guardLine(g: GuardFinding): string {
  const where = g.file ? ` in ${inlineCode(`${g.file}${g.line ? `:${g.line}` : ''}`)}` : '';
  return `- ${g.severity === 'block' ? '⛔' : '⚠️'} **${escapeText(g.guard)}**${where}: ${escapeText(g.message)}`;
}

function formatUsd(n: number): string {
  return n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`;
}

function fillTemplate(template: string, report: RunReport, migration: PullRequestBodyMigration): string {
  return template.replace(/\{\{\s*repo\s*\}\}/g, report.repo.name).replace(/\{\{\s*migration\s*\}\}/g, migration.id ?? report.migration.id);
}

/** A part of the body; `raw` is what may be trimmed, `render` wraps it. */
interface Part {
  raw: string;
  trimmable: boolean;
  render: (raw: string) => string;
}

const fixed = (text: string): Part => ({ raw: text, trimmable: false, render: (t) => t });
const trimmable = (raw: string, render: (raw: string) => string): Part => ({ raw, trimmable: true, render });

function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  if (length <= 0) return '… (trimmed to fit GitHub\'s limit)';
  let end = Math.max(0, length);
  // Do not split a surrogate pair.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}\n… (${text.length - end} more characters trimmed to fit GitHub's limit)`;
}

/**
 * Trims the longest parts first: finds the largest cap such that, with every trimmable part cut
 * to at most `cap` characters, the body fits. Short parts stay whole.
 */
function fit(parts: Part[], budget: number): string {
  const renderAt = (cap: number): string => parts.map((p) => p.render(p.trimmable ? cut(p.raw, cap) : p.raw)).join('\n');
  const longest = Math.max(0, ...parts.filter((p) => p.trimmable).map((p) => p.raw.length));
  let body = renderAt(longest);
  if (body.length > budget) {
    let lo = 0;
    let hi = longest;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (renderAt(mid).length <= budget) lo = mid;
      else hi = mid - 1;
    }
    body = renderAt(lo);
  }
  return body.length > GITHUB_BODY_LIMIT ? cut(body, BODY_BUDGET) : body;
}

export function renderPullRequestBody(report: RunReport, migration: PullRequestBodyMigration, options: { budget?: number } = {}): string {
  const id = migration.id ?? report.migration.id;
  const parts: Part[] = [];
  if (migration.prBody?.trim()) {
    // The migration author's text is trusted markdown (it lives in the catalog, reviewed like code).
    parts.push(trimmable(fillTemplate(migration.prBody.trim(), report, migration), (t) => `${t}\n`));
  }
  parts.push(fixed(`## ${escapeText(migration.title)}\n`));
  const verified = report.status === 'verified';
  parts.push(
    trimmable(report.reason, (t) =>
      `${verified ? '✅ **Verified**' : `⚠️ **Not verified (${escapeText(report.status)})** — review with care`}${t ? `: ${escapeText(t).replace(/\n/g, ' ')}` : ''}\n`,
    ),
  );
  if (report.sandbox?.level === 'off') {
    parts.push(fixed('> [!WARNING]\n> **Not sandboxed**: the repository\'s install, build and tests ran on the host with its network (`sandbox.level: off`), not in godwit\'s sandbox.\n'));
  }
  parts.push(trimmable(migration.description.trim(), (t) => `${escapeText(t)}\n`));

  const files = report.changedFiles.map((f) => `${f.status}\t${f.path}\t+${f.additions} −${f.deletions}`).join('\n');
  parts.push(fixed(`### Changed files (${report.changedFiles.length})\n`));
  parts.push(
    trimmable(files, (t) =>
      t
        ? `${t
            .split('\n')
            .map((line) => {
              const [status, p, counts] = line.split('\t');
              return p === undefined ? escapeText(line) : `- ${inlineCode(p)} — ${status} (${counts})`;
            })
            .join('\n')}\n`
        : '_No files changed._\n',
    ),
  );

  if (report.sites) {
    const s = report.sites;
    parts.push(
      fixed(
        `### Change sites\n\n${s.found} found · ${s.handledByCodemod} handled by the codemod · ${s.left} left for the agent${report.agent ? '' : ' (no agent ran)'}\n`,
      ),
    );
    const listed = (s.leftovers ?? []).map((l) => `${l.file}:${l.line}:${l.column}\t${l.reason ?? l.kind}`).join('\n');
    parts.push(
      trimmable(listed, (t) =>
        t
          ? `<details><summary>Sites left for the agent</summary>\n\n${t
              .split('\n')
              .map((line) => {
                const [where, why] = line.split('\t');
                return why === undefined ? `- ${escapeText(line)}` : `- ${inlineCode(where ?? '')} — ${escapeText(why)}`;
              })
              .join('\n')}\n\n</details>\n`
          : '',
      ),
    );
  }

  parts.push(fixed(`### Verification\n\n${verificationTable(report)}\n`));
  const diagnostics = diagnosticsText(report);
  if (diagnostics) {
    parts.push(trimmable(diagnostics, (t) => `<details><summary>Remaining diagnostics</summary>\n\n${fenced(t, 'text')}\n\n</details>\n`));
  }

  parts.push(fixed('### Guards\n'));
  const guards = report.guards.map(guardLine).join('\n');
  parts.push(trimmable(guards, (t) => `${t || 'No findings: no deleted, missing or skipped tests, no new suppressions, no changed scripts, CI or package-manager files, no undeclared dependencies, no changes outside scope.'}\n`));

  if (report.judge) {
    const j = report.judge;
    const reasons = j.reasons.map((r) => `- ${escapeText(r)}`).join('\n');
    parts.push(fixed(`### Judge\n\n**${j.verdict}** (mode: ${j.mode}${j.corrected ? ', corrected after feedback' : ''})\n`));
    if (reasons) parts.push(trimmable(reasons, (t) => `${t}\n`));
  }

  const iterations = report.agent?.iterations.length ?? 0;
  const u = report.usage;
  parts.push(
    fixed(
      [
        '### Cost',
        '',
        `| Agent iterations | Requests | Tokens (prompt + completion) | Cost | Duration |`,
        '| --- | --- | --- | --- | --- |',
        `| ${iterations} | ${u.requests} | ${u.totalTokens} (${u.promptTokens} + ${u.completionTokens}) | ${formatUsd(u.costUsd)} | ${Math.round(report.durationMs / 1000)} s |`,
        report.agent?.model ? `\nModel: ${inlineCode(report.agent.model)}` : '',
        '',
      ].join('\n'),
    ),
  );

  if (report.agent?.finalReport?.trim()) {
    parts.push(fixed("### The agent's report\n"));
    parts.push(trimmable(report.agent.finalReport, (t) => `${quoted(t)}\n`));
  }

  parts.push(
    fixed(
      [
        '### Re-run',
        '',
        fenced(`godwit run ${id} ${report.repo.name}`, 'sh'),
        '',
        'Re-running updates this pull request. godwit stops touching the branch as soon as someone else pushes a commit to it.',
        '',
        '---',
        `<sub>🐦 Opened by **godwit**, a background coding agent for code migrations · migration ${inlineCode(id)} · run ${inlineCode(report.runId)}</sub>`,
        `<!-- godwit:migration=${id.replace(/-->/g, '')} run=${report.runId.replace(/-->/g, '')} -->`,
      ].join('\n'),
    ),
  );
  return fit(parts, options.budget ?? BODY_BUDGET);
}
