/** What every guard sees: the committed change against its base, and the verifier results. */
import type { MigrationDefinition } from '../../catalog/definition.js';
import type { ChangedFile, GuardFinding } from '../../report/run-report.js';
import type { VerifierRun } from '../test-cases.js';

export interface GuardInput {
  /** Absolute workspace root. */
  dir: string;
  /** The commit the change starts from. */
  baseCommit: string;
  migration: MigrationDefinition;
  /** Baseline results, with the runner's per-test results when it wrote a report. */
  baseline: ReadonlyArray<VerifierRun>;
  /** Final results (compared with the baseline), likewise. */
  final: ReadonlyArray<VerifierRun>;
  changedFiles: ReadonlyArray<ChangedFile>;
  /** Unified diff of baseCommit against the change. */
  diff: string;
  /**
   * A file's text at the base, when the base is not a git commit in `dir` (eval holds a case's
   * `before` in memory); default: `git show <baseCommit>:<path>`. Undefined: no such file.
   */
  readBase?: (path: string) => Promise<string | undefined>;
}

export interface Guard {
  /** Stable name, the same as its file name in checks/; appears in the report. */
  name: string;
  description: string;
  check(input: GuardInput): Promise<GuardFinding[]> | GuardFinding[];
}
