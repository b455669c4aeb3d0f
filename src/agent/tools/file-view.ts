/** A file rendered with line numbers, as read_file shows it (and as a refused blind edit returns it). */
export const MAX_LINES = 400;
/** A line longer than this is cut in the view (minified code, data blobs). */
const MAX_LINE_CHARS = 2_000;

export function renderLines(rel: string, text: string, startLine?: number | null, endLine?: number | null): { ok: true; output: string } | { ok: false; output: string } {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const start = Math.max(1, startLine ?? 1);
  if (start > lines.length) return { ok: false, output: `Error: ${rel} has only ${lines.length} lines` };
  const end = Math.min(lines.length, endLine ?? lines.length, start + MAX_LINES - 1);
  const body = lines
    .slice(start - 1, end)
    .map((l, i) => `${String(start + i).padStart(5)}| ${l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)} … [line cut: ${l.length} characters]` : l}`)
    .join('\n');
  const more = end < lines.length ? `\n… ${lines.length - end} more lines (read_file with startLine ${end + 1})` : '';
  return { ok: true, output: `${rel} (lines ${start}-${end} of ${lines.length})\n${body}${more}` };
}
