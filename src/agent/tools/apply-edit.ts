/**
 * Search/replace on file text, shared by the `edit_file` tool and the fenced SEARCH/REPLACE
 * format. The search must match exactly one place; otherwise the error names the matches or
 * the most similar lines so the model can fix its search text.
 */
export type EditResult = { ok: true; text: string; line: number } | { ok: false; reason: string };

export function applySearchReplace(text: string, search: string, replace: string): EditResult {
  if (search === '') return { ok: false, reason: 'search is empty; give the exact text to replace (use create_file for new files)' };
  const crlf = text.includes('\r\n');
  const body = crlf ? text.replace(/\r\n/g, '\n') : text;
  const needle = search.replace(/\r\n/g, '\n');
  const positions: number[] = [];
  for (let i = body.indexOf(needle); i !== -1; i = body.indexOf(needle, i + 1)) positions.push(i);
  if (positions.length === 1) {
    const at = positions[0]!;
    const out = body.slice(0, at) + replace.replace(/\r\n/g, '\n') + body.slice(at + needle.length);
    return { ok: true, text: crlf ? out.replace(/\n/g, '\r\n') : out, line: lineAt(body, at) };
  }
  if (positions.length > 1) {
    const lines = positions.map((p) => lineAt(body, p)).join(', ');
    return { ok: false, reason: `search matches ${positions.length} places (lines ${lines}); include more surrounding lines so it matches exactly one` };
  }
  const candidates = nearestCandidates(body, needle, 3);
  return {
    ok: false,
    reason:
      'search text not found (it must match the file exactly, including whitespace).' +
      (candidates.length ? `\nMost similar places:\n${candidates.join('\n---\n')}` : ''),
  };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Bigram similarity (Dice coefficient) of two trimmed lines, 0..1. */
export function lineSimilarity(a: string, b: string): number {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length - 1 + y.length - 1);
}

/** The windows of the file most similar to the search text, rendered with line numbers. */
export function nearestCandidates(text: string, search: string, count: number): string[] {
  const lines = text.split('\n');
  const wanted = search.replace(/\n$/, '').split('\n');
  const size = Math.min(wanted.length, lines.length);
  if (size === 0) return [];
  const scored: Array<{ start: number; score: number }> = [];
  for (let start = 0; start + size <= lines.length; start++) {
    let score = 0;
    for (let k = 0; k < size; k++) score += lineSimilarity(wanted[k]!, lines[start + k]!);
    scored.push({ start, score: score / size });
  }
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  const picked: Array<{ start: number; score: number }> = [];
  for (const s of scored) {
    if (picked.length >= count || s.score < 0.3) break;
    if (picked.some((p) => Math.abs(p.start - s.start) < size)) continue;
    picked.push(s);
  }
  return picked.map(({ start }) =>
    lines
      .slice(start, start + size)
      .map((l, k) => `${String(start + k + 1).padStart(5)}| ${l}`)
      .join('\n'),
  );
}
