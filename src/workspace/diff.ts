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

/**
 * Compares `base` with `head` (default HEAD). Two git processes: the patch, and `--raw --numstat`
 * together (per-file status and line counts; -z, renames detected).
 */
export async function diffAgainst(dir: string, base: string, head = 'HEAD'): Promise<DiffSummary> {
  const git = gitIn(dir);
  const range = [`${base}`, head, '--'];
  const [diff, rawAndNumstat] = await gitStep('git diff', 'git-failed', () =>
    Promise.all([git.raw(['diff', '--no-color', '--no-ext-diff', ...range]), git.raw(['diff', '--raw', '--numstat', '-z', '-M', ...range])]),
  );
  const stats = new Map<string, { additions: number; deletions: number }>();
  const entries: Array<{ code: string; file: string }> = [];
  const parts = rawAndNumstat.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith(':')) {
      // raw: ":mode mode sha sha STATUS\0path\0" (a rename or copy: "\0old\0new\0")
      const code = part.slice(part.lastIndexOf(' ') + 1).charAt(0);
      const renamed = code === 'R' || code === 'C';
      entries.push({ code, file: (renamed ? parts[i + 2] : parts[i + 1]) ?? '' });
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
  return {
    diff,
    changedFiles,
    additions: changedFiles.reduce((n, f) => n + f.additions, 0),
    deletions: changedFiles.reduce((n, f) => n + f.deletions, 0),
  };
}
