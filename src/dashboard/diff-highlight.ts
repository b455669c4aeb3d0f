/**
 * A small unified-diff highlighter: file headers, hunk headers, added/removed/context lines,
 * with old/new line numbers taken from the hunk headers. Every line is escaped; the only
 * markup is ours.
 */
import { html, type SafeHtml } from './html.js';

export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'context' | 'meta';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  oldLine?: number;
  newLine?: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parseDiff(diff: string): DiffLine[] {
  const lines = diff.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const out: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const text of lines) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      out.push({ kind: 'hunk', text });
    } else if (text.startsWith('diff ') || (!inHunk && /^(---|\+\+\+|index |new file|deleted file|similarity|rename |old mode|new mode)/.test(text))) {
      if (text.startsWith('diff ')) inHunk = false;
      out.push({ kind: 'file', text });
    } else if (!inHunk) {
      out.push({ kind: 'meta', text });
    } else if (text.startsWith('+')) {
      out.push({ kind: 'add', text, newLine: newLine++ });
    } else if (text.startsWith('-')) {
      out.push({ kind: 'del', text, oldLine: oldLine++ });
    } else if (text.startsWith('\\')) {
      out.push({ kind: 'meta', text });
    } else {
      out.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return out;
}

/** Lines shown before the diff is cut (the full diff stays in report.json). */
export const MAX_DIFF_LINES = 5000;

/** Renders a unified diff as a highlighted <pre>. An empty diff renders a short note. */
export function renderDiff(diff: string, maxLines = MAX_DIFF_LINES): SafeHtml {
  if (!diff.trim()) return html`<p class="muted">No changes.</p>`;
  const lines = parseDiff(diff);
  const cut = lines.length > maxLines ? html`<p class="muted" data-testid="diff-cut">${lines.length - maxLines} more lines not shown: see report.json.</p>` : '';
  const rows = lines.slice(0, maxLines).map(
    (l) =>
      html`<span class="dl d-${l.kind}"><span class="ln">${l.oldLine ?? ''}</span><span class="ln">${l.newLine ?? ''}</span><span class="dt">${l.text}</span></span>`,
  );
  return html`<pre class="diff" data-testid="diff">${rows}</pre>${cut}`;
}
