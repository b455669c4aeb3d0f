/** The diff of the workspace's branch against its base, and per-file change stats. */
import type { ChangedFile } from '../report/run-report.js';
import { gitIn, gitStep } from '../process/index.js';

export interface DiffSummary {
  diff: string;
  changedFiles: ChangedFile[];
  additions: number;
  deletions: number;
}

const STATUS: Record<string, ChangedFile['status']> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', T: 'modified', C: 'added' };

/** A path's new side in the diff: its blob and mode (null: deleted; a rename's old path is deleted). */
export type DiffBlobs = Map<string, { blob: string; mode: string } | null>;

/**
 * Compares `base` with `head` (default HEAD) in one git process: `--raw --numstat -p -z`
 * prints the per-file status, full object ids and line counts (NUL-terminated, renames detected), one NUL,
 * then the patch — byte for byte the patch `git diff base head` prints (test/workspace/commit-diff.test.ts).
 */
export async function diffAgainst(dir: string, base: string, head = 'HEAD'): Promise<DiffSummary> {
  return (await diffWithBlobs(dir, base, head)).summary;
}

/** `diffAgainst`, and what each changed path holds at `head` (from the same git process). */
export async function diffWithBlobs(dir: string, base: string, head = 'HEAD'): Promise<{ summary: DiffSummary; blobs: DiffBlobs }> {
  const out = await gitStep('git diff', 'git-failed', () =>
    gitIn(dir).raw(['diff', '--no-color', '--no-ext-diff', '--raw', '--no-abbrev', '--numstat', '-p', '-z', '-M', `${base}`, head, '--']),
  );
  // The stats' records never hold an empty field, so the first empty one is the separator.
  const end = out.indexOf('\0\0');
  const rawAndNumstat = end < 0 ? out : out.slice(0, end + 1);
  const diff = end < 0 ? '' : out.slice(end + 2);
  const stats = new Map<string, { additions: number; deletions: number }>();
  const entries: Array<{ code: string; file: string }> = [];
  const blobs: DiffBlobs = new Map();
  const parts = rawAndNumstat.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith(':')) {
      // raw: ":mode mode sha sha STATUS\0path\0" (a rename or copy: "\0old\0new\0")
      const [, newMode = '', , newBlob = '', status = ''] = part.slice(1).split(' ');
      const code = status.charAt(0);
      const renamed = code === 'R' || code === 'C';
      const file = (renamed ? parts[i + 2] : parts[i + 1]) ?? '';
      entries.push({ code, file });
      if (code === 'R') blobs.set(parts[i + 1] ?? '', null);
      blobs.set(file, code === 'D' ? null : { blob: newBlob, mode: newMode });
      i += renamed ? 2 : 1;
      continue;
    }
    const m = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(part);
    if (!m) continue;
    let file = m[3]!;
    if (file === '') {
      // numstat of a rename: "adds\tdels\t\0old\0new"
      file = parts[i + 2] ?? '';
      i += 2;
    }
    stats.set(file, { additions: m[1] === '-' ? 0 : Number(m[1]), deletions: m[2] === '-' ? 0 : Number(m[2]) });
  }
  const changedFiles: ChangedFile[] = entries.map(({ code, file }) => ({ path: file, status: STATUS[code] ?? 'modified', ...(stats.get(file) ?? { additions: 0, deletions: 0 }) }));
  changedFiles.sort((a, b) => a.path.localeCompare(b.path));
  const summary = {
    diff,
    changedFiles,
    additions: changedFiles.reduce((n, f) => n + f.additions, 0),
    deletions: changedFiles.reduce((n, f) => n + f.deletions, 0),
  };
  return { summary, blobs };
}
