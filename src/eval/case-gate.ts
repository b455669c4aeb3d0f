/**
 * The gate's guards on a case's change (before → produced), exactly as `godwit run`'s gate
 * calls them (src/verify/guards), with the case's `before` as the base. A blocking finding
 * fails the case as it would fail the run: no catalog case can expect an output the gate
 * would refuse. A case without a repository to build or test runs no verifiers, so the
 * verifier-based guards (missing/fewer tests, runner-report skips) fall back to what the diff
 * shows, as the gate does when no runner report exists.
 */
import type { MigrationDefinition } from '../catalog/definition.js';
import type { GuardFinding } from '../report/run-report.js';
import { runGuards } from '../verify/index.js';
import { treeChange } from './tree-diff.js';

export interface CaseGate {
  /** What ran: the guards always; verifiers only for a runnable case (see run-case.ts). */
  ran: string[];
  /** `pass`, or `blocked` by a guard (the run would end `failed`). */
  result: 'pass' | 'blocked';
  findings: GuardFinding[];
  /** One line per blocking finding, as the gate words its reasons. */
  reasons: string[];
}

export async function gateCase(
  dir: string,
  migration: MigrationDefinition,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): Promise<CaseGate> {
  const { diff, changedFiles } = treeChange(before, after);
  const findings = changedFiles.length
    ? await runGuards({
        dir,
        baseCommit: 'case-before',
        migration,
        baseline: [],
        final: [],
        changedFiles,
        diff,
        readBase: (file) => Promise.resolve(before.get(file)),
      })
    : [];
  const reasons = findings.filter((f) => f.severity === 'block').map((f) => `guard ${f.guard}: ${f.message}`);
  return { ran: ['guards'], result: reasons.length ? 'blocked' : 'pass', findings, reasons };
}
