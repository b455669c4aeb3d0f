/** What `godwit eval` reports (the `--json` output). */
import type { LoadedMigration } from '../catalog/definition.js';
import type { RunStatus, Usage } from '../report/run-report.js';

export type CaseStatus = RunStatus | 'skipped';

export interface CaseResult {
  name: string;
  kind: 'folder' | 'pair';
  description: string;
  /** What the run ended in; `skipped` when the case needs an LLM and none is configured. */
  status: CaseStatus;
  expectedStatus: RunStatus;
  passed: boolean;
  needsLlm: boolean;
  /** Why it was skipped / not applicable / failed. */
  reason: string;
  /** Unified diff expected → actual over the mismatching files (Prettier-formatted). */
  diff?: string;
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

/** Runs a migration on a case's repository; the default is the light path, an LLM run uses runJob. */
export type CaseRunner = (
  migration: LoadedMigration,
  repoDir: string,
  evalCase: { name: string; needsLlm: boolean },
) => Promise<{ status: RunStatus; reason: string; usage?: Partial<Usage> }>;
