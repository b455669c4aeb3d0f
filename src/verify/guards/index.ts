/**
 * Guards hook (owned by the agent engineer): findings that catch an agent making checks pass
 * without doing the work. The gate calls runGuards() after the verifiers and the commit;
 * `block` findings fail the run. Until guards land, there are none.
 */
import type { MigrationDefinition } from '../../catalog/definition.js';
import type { ChangedFile, GuardFinding, VerifierResult } from '../../report/run-report.js';

export interface GuardInput {
  /** Workspace folder (the clone), with the change committed on HEAD. */
  dir: string;
  /** Commit the change started from. */
  baseCommit: string;
  migration: MigrationDefinition;
  baseline: VerifierResult[];
  final: VerifierResult[];
  changedFiles: ChangedFile[];
  diff: string;
}

export async function runGuards(_input: GuardInput): Promise<GuardFinding[]> {
  return [];
}
