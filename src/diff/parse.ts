/**
 * The one reader of unified (git) diffs. `diffLines` classifies every line, keeps it verbatim
 * and numbers it from its hunk header (the dashboard renders this); `fileDiffs` groups the
 * added and removed lines per file (the guards read this). Hand-written rather than the `diff`
 * package's `parsePatch`, which throws on a hunk whose line counts do not match (a cut or
 * hand-edited diff must still display) and drops the lines a reader wants to see: `index`,
 * mode and rename headers, and the function name after `@@`.
 */

export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'context' | 'meta';

export interface DiffLine {
  kind: DiffLineKind;
  /** The line as it is in the diff (with its +/-/space prefix). */
  text: string;
  /** The file this line belongs to: the path after the change (before, for a deleted file); set from its `+++` line on. */
  path?: string;
  /** Line number in the old file (del, context). */
  oldLine?: number;
  /** Line number in the new file (add, context). */
  newLine?: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;
const FILE_HEADER = /^(---|\+\+\+|index |new file|deleted file|similarity|rename |copy |old mode|new mode|dissimilarity)/;

/** A `---`/`+++` path without its a/ b/ prefix, quotes and timestamp; undefined for /dev/null. */
function headerPath(raw: string): string | undefined {
  const clean = raw.replace(/\t.*$/, '').trim();
  if (clean === '/dev/null') return undefined;
  return clean.replace(/^"?[ab]\//, '').replace(/"$/, '');
}

export function diffLines(diff: string): DiffLine[] {
  const lines = diff.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const out: DiffLine[] = [];
  let oldPath: string | undefined;
  let path: string | undefined;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const push = (line: DiffLine): void => {
    out.push(path === undefined ? line : { ...line, path });
  };
  for (const text of lines) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      push({ kind: 'hunk', text });
    } else if (text.startsWith('diff ')) {
      inHunk = false;
      oldPath = undefined;
      path = undefined;
      out.push({ kind: 'file', text });
    } else if (!inHunk && FILE_HEADER.test(text)) {
      if (text.startsWith('--- ')) oldPath = headerPath(text.slice(4));
      if (text.startsWith('+++ ')) path = headerPath(text.slice(4)) ?? oldPath ?? '';
      push({ kind: 'file', text });
    } else if (!inHunk || text.startsWith('\\')) {
      push({ kind: 'meta', text });
    } else if (text.startsWith('+')) {
      push({ kind: 'add', text, newLine: newLine++ });
    } else if (text.startsWith('-')) {
      push({ kind: 'del', text, oldLine: oldLine++ });
    } else {
      push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return out;
}

export interface ChangedLine {
  /** Line number in the new file (added) or the old file (removed). */
  line: number;
  /** The line without its +/- prefix. */
  text: string;
}

export interface FileDiff {
  /** Path after the change (before, for deleted files). */
  path: string;
  added: ChangedLine[];
  removed: ChangedLine[];
}

/** Added and removed lines per file, in diff order. Files without a hunk (renames, modes, binaries) are not listed. */
export function fileDiffs(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  let current: FileDiff | undefined;
  for (const l of diffLines(diff)) {
    if (l.kind === 'file') {
      current = l.text.startsWith('+++ ') && l.path !== undefined ? { path: l.path, added: [], removed: [] } : undefined;
      if (current) files.push(current);
    } else if (current && l.kind === 'add' && l.newLine !== undefined) current.added.push({ line: l.newLine, text: l.text.slice(1) });
    else if (current && l.kind === 'del' && l.oldLine !== undefined) current.removed.push({ line: l.oldLine, text: l.text.slice(1) });
  }
  return files;
}
