import type { GuardFinding } from '../../../report/run-report.js';
import type { Guard } from '../types.js';

/** Lockfiles are regenerated, not written: they do not count towards the line limit. */
const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/;

export const diffSize: Guard = {
  name: 'diff-size',
  description: 'More files or lines changed than scope.maxChangedFiles / scope.maxChangedLines.',
  check({ changedFiles, migration }) {
    const { maxChangedFiles, maxChangedLines } = migration.scope;
    const findings: GuardFinding[] = [];
    if (changedFiles.length > maxChangedFiles) {
      findings.push({ guard: 'diff-size', severity: 'block', message: `${changedFiles.length} files changed; the migration allows ${maxChangedFiles}` });
    }
    const lines = changedFiles.filter((f) => !LOCKFILE.test(f.path)).reduce((n, f) => n + f.additions + f.deletions, 0);
    if (lines > maxChangedLines) {
      findings.push({ guard: 'diff-size', severity: 'block', message: `${lines} lines changed; the migration allows ${maxChangedLines}` });
    }
    return findings;
  },
};
