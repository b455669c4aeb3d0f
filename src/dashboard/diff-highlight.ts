/**
 * A small unified-diff highlighter over src/diff's line model: file headers, hunk headers,
 * added/removed/context lines, with old/new line numbers taken from the hunk headers. Every
 * line is escaped; the only markup is ours.
 */
import { diffLines } from '../diff/index.js';
import { html, type SafeHtml } from './html.js';

/** Lines shown before the diff is cut (the full diff stays in report.json). */
export const MAX_DIFF_LINES = 5000;

/** Renders a unified diff as a highlighted <pre>. An empty diff renders a short note. */
export function renderDiff(diff: string, maxLines = MAX_DIFF_LINES): SafeHtml {
  if (!diff.trim()) return html`<p class="muted">No changes.</p>`;
  const lines = diffLines(diff);
  const cut = lines.length > maxLines ? html`<p class="muted" data-testid="diff-cut">${lines.length - maxLines} more lines not shown: see report.json.</p>` : '';
  const rows = lines.slice(0, maxLines).map(
    (l) =>
      html`<span class="dl d-${l.kind}"><span class="ln">${l.oldLine ?? ''}</span><span class="ln">${l.newLine ?? ''}</span><span class="dt">${l.text}</span></span>`,
  );
  return html`<pre class="diff" data-testid="diff">${rows}</pre>${cut}`;
}
