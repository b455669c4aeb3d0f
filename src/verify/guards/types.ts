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
  /** The base's file list and texts, read ahead (readGuardBaseAhead) while the verifiers ran. */
  baseReads?: BaseReads;
}

/** What the guards read at a base commit, read ahead (base-reads.ts). */
export interface BaseReads {
  /** The commit read; used only by a guard run on this same base. */
  commit: string;
  /** Every file path in the base commit's tree (blobs, symlinks and submodules). */
  files: ReadonlySet<string>;
  /** Texts read so far (undefined: not a file there). */
  texts: Map<string, string | undefined>;
}

export interface Guard {
  /** Stable name, the same as its file name in checks/; appears in the report. */
  name: string;
  description: string;
  check(input: GuardInput): Promise<GuardFinding[]> | GuardFinding[];
  /**
   * Paths besides the changed files whose base text this guard reads (baseText), given the base
   * tree's files: they are read ahead with the changed files, in the same git process.
   */
  readsAtBase?(files: ReadonlyArray<string>): string[];
}
