/**
 * The contract between the job runner and its callers (CLI `run`, queue worker, eval).
 */
import type { LlmLimiter } from '../agent/index.js';
import type { LoadedMigration } from '../catalog/definition.js';
import type { GodwitConfig } from '../config/schema.js';
import type { Forge } from '../forge/types.js';
import type { LogLine, RunReport, StageName } from '../report/run-report.js';
import type { VerifierOverrides } from '../verify/overrides.js';

export interface RunJobOptions {
  migration: LoadedMigration;
  /** Repository reference as the user wrote it (path, file:// URL, owner/name, https URL). */
  repo: string;
  config: GodwitConfig;
  /** Publish nothing; the report carries the diff. Default false. */
  dryRun?: boolean;
  /** Campaign-level verifier commands per kind (`--verifier test="npm run test:ci"`, `lint=off`); the repository's own settings win. */
  verifiers?: VerifierOverrides;
  /** Install dependencies before verifying. Default true. */
  install?: boolean;
  /** Keep the workspace folder after the run (its path is logged). Default false. */
  keepWorkdir?: boolean;
  /** Open a draft PR for failed runs when the migration's draft policy allows. */
  reopen?: boolean;
  /** Override the forge (tests, fleet); chosen from the reference otherwise. */
  forge?: Forge;
  /** Stable id for the run (fleet: the job id); random otherwise. */
  runId?: string;
  /** Called when a stage starts and ends. */
  onStage?: (event: { stage: StageName; phase: 'start' | 'end'; status?: string; summary?: string }) => void;
  onLog?: (line: LogLine) => void;
  /** Aborting cancels the run between stages and kills running subprocesses. */
  signal?: AbortSignal;
  /** Global cap on concurrent LLM requests (fleet mode: a Redis-wide limiter); resolves to a release function. */
  llmLimiter?: LlmLimiter;
}

export type RunJob = (options: RunJobOptions) => Promise<RunReport>;
