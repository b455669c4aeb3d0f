/**
 * Rendering: one block per file — a header line, then the included lines with their numbers
 * (`>` marks a site line) and `…` where lines are left out. Same input → same bytes.
 */

export type Range = [number, number];

/** Sorted, merged ranges clipped to [1, lastLine]; gaps of one line are filled (cheaper than `…`). */
export function normalizeRanges(ranges: readonly Range[], lastLine: number): Range[] {
  const sorted = ranges
    .map(([a, b]): Range => [Math.max(1, a), Math.min(lastLine, b)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 2) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export const ELISION = '…';

export function fileHeader(path: string): string {
  return `==> ${path} <==`;
}

export function renderLine(number: number, width: number, code: string, isSite: boolean): string {
  return `${isSite ? '>' : ' '} ${String(number).padStart(width)} | ${code}`;
}

/** Lines of a file without the empty string after a trailing newline. */
export function lastLineOf(lines: readonly string[]): number {
  return lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

export function renderFile(path: string, lines: readonly string[], ranges: readonly Range[], siteLines: ReadonlySet<number>): string {
  const last = lastLineOf(lines);
  const merged = normalizeRanges(ranges, last);
  const width = String(merged.length ? merged[merged.length - 1]![1] : 1).length;
  const out = [fileHeader(path)];
  let next = 1;
  for (const [from, to] of merged) {
    if (from > next) out.push(ELISION);
    for (let n = from; n <= to; n++) out.push(renderLine(n, width, lines[n - 1] ?? '', siteLines.has(n)));
    next = to + 1;
  }
  if (next <= last) out.push(ELISION);
  return out.join('\n');
}
