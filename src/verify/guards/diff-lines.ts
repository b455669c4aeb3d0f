/** Parses a unified (git) diff into per-file added and removed lines, with line numbers. */

export interface DiffLine {
  /** Line number in the new file (added) or the old file (removed). */
  line: number;
  text: string;
}

export interface FileDiff {
  /** Path after the change (before, for deleted files). */
  path: string;
  added: DiffLine[];
  removed: DiffLine[];
}

function stripPrefix(p: string): string | undefined {
  const clean = p.replace(/\t.*$/, '').trim();
  if (clean === '/dev/null') return undefined;
  return clean.replace(/^"?[ab]\//, '').replace(/"$/, '');
}

export function parseDiff(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  let current: FileDiff | undefined;
  let oldPath: string | undefined;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of diff.split('\n')) {
    if (raw.startsWith('diff --git ')) {
      current = undefined;
      inHunk = false;
      oldPath = undefined;
      continue;
    }
    if (!inHunk && raw.startsWith('--- ')) {
      oldPath = stripPrefix(raw.slice(4));
      continue;
    }
    if (!inHunk && raw.startsWith('+++ ')) {
      const path = stripPrefix(raw.slice(4)) ?? oldPath ?? '';
      current = { path, added: [], removed: [] };
      files.push(current);
      continue;
    }
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      continue;
    }
    if (!current || !inHunk) continue;
    if (raw.startsWith('+')) current.added.push({ line: newLine++, text: raw.slice(1) });
    else if (raw.startsWith('-')) current.removed.push({ line: oldLine++, text: raw.slice(1) });
    else if (raw.startsWith(' ') || raw === '') {
      oldLine++;
      newLine++;
    } else if (!raw.startsWith('\\')) inHunk = false;
  }
  return files;
}

/**
 * Added lines matching `pattern`, per file, beyond what the same file's removed lines had
 * (moving a line is not adding one). Returns one entry per net-new occurrence.
 */
export function netNewMatches(files: ReadonlyArray<FileDiff>, pattern: RegExp): Array<{ path: string; line: number; match: string }> {
  const out: Array<{ path: string; line: number; match: string }> = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const file of files) {
    const removed = new Map<string, number>();
    for (const r of file.removed) for (const m of r.text.matchAll(global)) removed.set(m[0], (removed.get(m[0]) ?? 0) + 1);
    for (const a of file.added) {
      for (const m of a.text.matchAll(global)) {
        const n = removed.get(m[0]) ?? 0;
        if (n > 0) removed.set(m[0], n - 1);
        else out.push({ path: file.path, line: a.line, match: m[0] });
      }
    }
  }
  return out;
}

export const TEST_FILE = /(?:^|\/)(?:__tests__|__specs__)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)tests?\/.*\.[cm]?[jt]sx?$/;
