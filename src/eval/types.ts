/** What `godwit eval` reports (the `--json` output; documented in docs/migrations.md "Eval"). */
import type { RunStatus } from '../report/run-report.js';
import type { GuardFinding } from '../report/run-report.js';

export type CaseStatus = RunStatus | 'skipped';

/** A file the run changed, with what it holds now (absent when deleted). */
export interface ProducedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  text?: string;
}

/** A site the codemod step left for the agent (src/pipeline/run-codemod.ts). */
export interface CaseLeftover {
  file: string;
  line: number;
  column: number;
  kind: string;
  reason?: string;
}

export interface CaseResult {
  name: string;
  kind: 'folder' | 'pair';
  /** A runnable case: the whole pipeline ran on it, verifiers included (docs/migrations.md). */
  runnable?: true;
  description: string;
  /** What the run ended in; `skipped` when the case needs an LLM and none is configured. */
  status: CaseStatus;
  expectedStatus: RunStatus;
  passed: boolean;
  needsLlm: boolean;
  /** Why it was skipped / not applicable / failed; for a pass, what the run said. */
  reason: string;
  /** Files the run changed (for a single-file pair, the scaffolding package.json too). */
  files: ProducedFile[];
  /** Unified diff expected → actual over the mismatching files (Prettier-formatted). */
  diff?: string;
  /** The codemod step: target sites found, handled, the sites left, and changes the file check dropped. */
  codemod?: {
    found: number;
    handledByCodemod: number;
    dropped: Array<{ file: string; problems: string[] }>;
  };
  leftovers: CaseLeftover[];
  /** Every guard finding on the case's change (blocking ones fail the case). */
  guards: GuardFinding[];
  /** The gate on the produced change: what ran and its result (absent when the run changed nothing or stopped earlier). */
  gate?: {
    /** The verifiers that ran (typecheck, test, lint: runnable cases only) and `guards`. */
    ran: string[];
    result: 'pass' | 'blocked';
    reasons: string[];
    /** Runnable cases: each verifier's result on the produced tree. */
    verifiers?: Array<{ kind: string; command: string; status: string; tests?: { passed: number; failed: number; skipped: number; total: number } }>;
  };
  durationMs: number;
  tokens: number;
}

export interface EvalReport {
  migration: string;
  casesDir: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** passed / (total - skipped); 1 when nothing ran. */
  passRate: number;
  durationMs: number;
  tokens: number;
  cases: CaseResult[];
}
