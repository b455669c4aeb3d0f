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

/** Compares `base` with `head` (default HEAD). */
export async function diffAgainst(dir: string, base: string, head = 'HEAD'): Promise<DiffSummary> {
  const git = gitIn(dir);
  const range = [`${base}`, head, '--'];
  const [diff, numstat, names] = await gitStep('git diff', 'git-failed', () =>
    Promise.all([
      git.raw(['diff', '--no-color', '--no-ext-diff', ...range]),
      git.raw(['diff', '--numstat', '-z', '-M', ...range]),
      git.raw(['diff', '--name-status', '-z', '-M', ...range]),
    ]),
  );
  const stats = new Map<string, { additions: number; deletions: number }>();
  const numParts = numstat.split('\0');
  for (let i = 0; i < numParts.length; i++) {
    const m = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(numParts[i]!);
    if (!m) continue;
    let file = m[3]!;
    if (file === '') {
      // rename: "adds\tdels\t\0old\0new"
      file = numParts[i + 2] ?? '';
      i += 2;
    }
    stats.set(file, { additions: m[1] === '-' ? 0 : Number(m[1]), deletions: m[2] === '-' ? 0 : Number(m[2]) });
  }
  const changedFiles: ChangedFile[] = [];
  const nameParts = names.split('\0').filter((p) => p !== '');
  for (let i = 0; i < nameParts.length; i++) {
    const code = nameParts[i]!.charAt(0);
    const renamed = code === 'R' || code === 'C';
    const file = renamed ? nameParts[i + 2]! : nameParts[i + 1]!;
    i += renamed ? 2 : 1;
    const s = stats.get(file) ?? { additions: 0, deletions: 0 };
    changedFiles.push({ path: file, status: STATUS[code] ?? 'modified', ...s });
  }
  changedFiles.sort((a, b) => a.path.localeCompare(b.path));
  return {
    diff,
    changedFiles,
    additions: changedFiles.reduce((n, f) => n + f.additions, 0),
    deletions: changedFiles.reduce((n, f) => n + f.deletions, 0),
  };
}
