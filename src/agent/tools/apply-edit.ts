/**
 * Search/replace on file text, shared by the `edit_file` tool and the fenced SEARCH/REPLACE
 * format. The search must match exactly one place. Matching is tolerant but never ambiguous:
 *
 * 1. exact (line endings normalised);
 * 2. line by line ignoring whitespace (indentation, runs of spaces, trailing blanks, blank
 *    lines at the ends of the search): models often re-indent or re-space what they copy.
 *    The replacement is re-indented by the same offset so the file keeps its own style;
 * 3. otherwise the error names the matches, or quotes the file's most similar lines so the
 *    model can copy them.
 */
export type EditResult =
  | { ok: true; text: string; line: number; tolerant?: 'whitespace' }
  | { ok: false; reason: string; kind: 'empty' | 'ambiguous' | 'not-found' };

export function applySearchReplace(text: string, search: string, replace: string): EditResult {
  if (search === '') return { ok: false, kind: 'empty', reason: 'search is empty; give the exact text to replace (use create_file for new files)' };
  const crlf = text.includes('\r\n');
  const body = crlf ? text.replace(/\r\n/g, '\n') : text;
  const needle = search.replace(/\r\n/g, '\n');
  const replacement = replace.replace(/\r\n/g, '\n');
  const restore = (out: string): string => (crlf ? out.replace(/\n/g, '\r\n') : out);
  const positions: number[] = [];
  for (let i = body.indexOf(needle); i !== -1; i = body.indexOf(needle, i + 1)) positions.push(i);
  if (positions.length === 1) {
    const at = positions[0]!;
    const out = body.slice(0, at) + replacement + body.slice(at + needle.length);
    return { ok: true, text: restore(out), line: lineAt(body, at) };
  }
  if (positions.length > 1) {
    const lines = positions.map((p) => lineAt(body, p)).join(', ');
    return { ok: false, kind: 'ambiguous', reason: `search matches ${positions.length} places (lines ${lines}); include more surrounding lines so it matches exactly one` };
  }

  const loose = matchIgnoringWhitespace(body, needle);
  if (loose.length === 1) {
    const m = loose[0]!;
    const lines = body.split('\n');
    const replaced = reindent(replacement, m.searchIndent, m.fileIndent);
    const before = lines.slice(0, m.start);
    const after = lines.slice(m.end);
    const middle = replaced === '' ? [] : replaced.replace(/\n$/, '').split('\n');
    return { ok: true, text: restore([...before, ...middle, ...after].join('\n')), line: m.start + 1, tolerant: 'whitespace' };
  }
  if (loose.length > 1) {
    const at = loose.map((m) => m.start + 1).join(', ');
    return {
      ok: false,
      kind: 'ambiguous',
      reason: `search does not match exactly; ignoring whitespace it matches ${loose.length} places (lines ${at}); copy the lines exactly and include more of them so it matches one`,
    };
  }
  const candidates = nearestCandidates(body, needle, 3);
  return {
    ok: false,
    kind: 'not-found',
    reason:
      'search text not found (not even ignoring whitespace); copy the lines exactly from the file.' +
      (candidates.length ? `\nThe file's most similar lines are:\n${candidates.join('\n---\n')}` : ''),
  };
}

const squash = (line: string): string => line.trim().replace(/\s+/g, ' ');

interface LooseMatch {
  /** 0-based first line and one past the last line of the match in the file. */
  start: number;
  end: number;
  searchIndent: string;
  fileIndent: string;
}

function matchIgnoringWhitespace(body: string, needle: string): LooseMatch[] {
  const wanted = needle.split('\n');
  while (wanted.length && wanted[0]!.trim() === '') wanted.shift();
  while (wanted.length && wanted.at(-1)!.trim() === '') wanted.pop();
  if (wanted.length === 0) return [];
  const wantedKey = wanted.map(squash).filter((l) => l !== '');
  // A search of only punctuation would match everywhere; demand some substance.
  if (wantedKey.join('').replace(/[^A-Za-z0-9_$]/g, '').length < 3) return [];
  const lines = body.split('\n');
  const matches: LooseMatch[] = [];
  for (let start = 0; start < lines.length; start++) {
    if (lines[start]!.trim() === '' || squash(lines[start]!) !== wantedKey[0]) continue;
    // Walk both sides, skipping blank lines (a search may drop or add empty lines).
    let i = start;
    let k = 0;
    while (k < wantedKey.length && i < lines.length) {
      if (lines[i]!.trim() === '') {
        i++;
        continue;
      }
      if (squash(lines[i]!) !== wantedKey[k]) break;
      i++;
      k++;
    }
    if (k === wantedKey.length) {
      const firstWanted = wanted.find((l) => l.trim() !== '')!;
      matches.push({ start, end: i, searchIndent: leading(firstWanted), fileIndent: leading(lines[start]!) });
    }
  }
  return matches;
}

const leading = (line: string): string => /^[ \t]*/.exec(line)![0];

/** Moves the replacement's indentation by the offset between the search and the file. */
function reindent(replacement: string, searchIndent: string, fileIndent: string): string {
  if (searchIndent === fileIndent) return replacement;
  return replacement
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      if (line.startsWith(searchIndent)) return fileIndent + line.slice(searchIndent.length);
      return line;
    })
    .join('\n');
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

/** Lines longer than this are compared by their first characters only (minified files). */
const MAX_COMPARED_LINE = 400;

/** The windows of the file most similar to the search text, rendered with line numbers. */
export function nearestCandidates(text: string, search: string, count: number): string[] {
  const lines = text.split('\n');
  const wanted = search.replace(/\n$/, '').split('\n');
  const size = Math.min(wanted.length, lines.length);
  if (size === 0) return [];
  const short = (l: string): string => (l.length > MAX_COMPARED_LINE ? l.slice(0, MAX_COMPARED_LINE) : l);
  const scored: Array<{ start: number; score: number }> = [];
  for (let start = 0; start + size <= lines.length; start++) {
    let score = 0;
    for (let k = 0; k < size; k++) score += lineSimilarity(short(wanted[k]!), short(lines[start + k]!));
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
      .map((l, k) => `${String(start + k + 1).padStart(5)}| ${short(l)}`)
      .join('\n'),
  );
}
