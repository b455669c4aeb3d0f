/** Runs the guards on a committed change to a copy of a template repository, as the gate does. */
import { execaSync } from 'execa';
import { migrationDefinitionSchema, type MigrationInput } from '../../../src/catalog/definition.js';
import type { ChangedFile } from '../../../src/report/run-report.js';
import { runGuards } from '../../../src/verify/guards/index.js';
import type { VerifierRun } from '../../../src/verify/test-cases.js';

export function definition(overrides: Partial<MigrationInput> = {}) {
  return migrationDefinitionSchema.parse({ id: 'm', title: 'M', description: 'd', prompt: 'p.md', pr: { title: 't' }, scope: { include: ['src/**', 'package.json', 'tsconfig.json', 'test/**'] }, ...overrides });
}

/** The committed change as the gate gives it to the guards (diff text + changed files). */
export function committedDiff(dir: string, base: string): { diff: string; changedFiles: ChangedFile[] } {
  const git = (...args: string[]) => execaSync('git', args, { cwd: dir }).stdout;
  const stats = new Map(
    git('diff', '--numstat', base, 'HEAD')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))
      .map(([a, d, f]) => [f!, { additions: Number(a), deletions: Number(d) }] as const),
  );
  const kinds: Record<string, ChangedFile['status']> = { A: 'added', M: 'modified', D: 'deleted' };
  const changedFiles = git('diff', '--name-status', '--no-renames', base, 'HEAD')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .map(([k, f]) => ({ path: f!, status: kinds[k!] ?? 'modified', ...(stats.get(f!) ?? { additions: 0, deletions: 0 }) }));
  return { diff: git('diff', '--no-color', base, 'HEAD'), changedFiles };
}

/** Applies `change` to a fresh copy, commits it like the gate does, and runs the guards. */
export async function guardsAfter(
  copy: () => string,
  change: (dir: string) => void,
  overrides: Partial<MigrationInput> = {},
  results?: { baseline: VerifierRun[]; final: VerifierRun[] },
) {
  const dir = copy();
  const baseCommit = execaSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).stdout.trim();
  change(dir);
  execaSync('git', ['add', '-A'], { cwd: dir });
  execaSync('git', ['commit', '-q', '--allow-empty', '-m', 'change'], { cwd: dir });
  const diff = committedDiff(dir, baseCommit);
  return runGuards({
    dir,
    baseCommit,
    migration: definition(overrides),
    baseline: results?.baseline ?? [],
    final: results?.final ?? [],
    changedFiles: diff.changedFiles,
    diff: diff.diff,
  });
}
