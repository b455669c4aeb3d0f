import { changesToolchainOf } from '../../../catalog/definition.js';
import type { GuardFinding } from '../../../report/run-report.js';
import { compareTestCases, testCasesOf } from '../../test-cases.js';
import type { Guard } from '../types.js';

const MAX_LISTED = 10;

export const missingTests: Guard = {
  name: 'missing-tests',
  description:
    "Tests that passed at baseline and are gone after the change, matched by file + full name from the runners' reports (with the migration's testRenames); a toolchain change without reports to compare blocks.",
  check({ baseline, final, migration }) {
    const baseTest = baseline.find((r) => r.kind === 'test');
    if (!baseTest) return [];
    const before = testCasesOf(baseline);
    const after = testCasesOf(final);
    if (!before || !after) {
      if (!changesToolchainOf(migration, 'test')) return [];
      const side = !before ? `the baseline (${baseTest.command})` : `the final run (${final.find((r) => r.kind === 'test')?.command ?? 'no test verifier'})`;
      return [
        {
          guard: 'missing-tests',
          severity: 'block',
          message: `the migration changes the test toolchain, but ${side} wrote no runner report: the tests cannot be compared by name`,
        },
      ];
    }
    const { missing } = compareTestCases(before, after, migration.testRenames);
    const findings: GuardFinding[] = missing.slice(0, MAX_LISTED).map((t) => ({
      guard: 'missing-tests',
      severity: 'block' as const,
      message: `"${t.name}" passed at baseline and did not run after the change (runner report)`,
      file: t.file,
    }));
    if (missing.length > MAX_LISTED) findings.push({ guard: 'missing-tests', severity: 'block', message: `${missing.length - MAX_LISTED} more test(s) that passed at baseline are missing` });
    return findings;
  },
};
