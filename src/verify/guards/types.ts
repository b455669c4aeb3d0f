/** What every guard sees: the committed change against its base, and the verifier results. */
import type { MigrationDefinition } from '../../catalog/definition.js';
import type { ChangedFile, GuardFinding, VerifierResult } from '../../report/run-report.js';

export interface GuardInput {
  /** Absolute workspace root. */
  dir: string;
  /** The commit the change starts from. */
  baseCommit: string;
  migration: MigrationDefinition;
  baseline: ReadonlyArray<VerifierResult>;
  /** Final results (compared with the baseline). */
  final: ReadonlyArray<VerifierResult>;
  changedFiles: ReadonlyArray<ChangedFile>;
  /** Unified diff of baseCommit against the change. */
  diff: string;
}

export interface Guard {
  /** Stable name, the same as its file name in checks/; appears in the report. */
  name: string;
  description: string;
  check(input: GuardInput): Promise<GuardFinding[]> | GuardFinding[];
}
