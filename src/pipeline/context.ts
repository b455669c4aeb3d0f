/**
 * The JobContext: everything one run knows, passed to every stage. Stages read what earlier
 * stages left here and record what they did; report.ts turns it into the RunReport.
 */
import type { Project } from 'ts-morph';
import type { LoadedMigration } from '../catalog/definition.js';
import type { GodwitConfig } from '../config/schema.js';
import type { GodwitError } from '../errors.js';
import type { Forge, RepoInfo, RepoRef } from '../forge/types.js';
import type {
  GuardFinding,
  InstallRecord,
  JudgeVerdict,
  LogLine,
  PullRequestRecord,
  RunReport,
  RunStatus,
  StageName,
  StageRecord,
  Usage,
  VerifierResult,
} from '../report/run-report.js';
import type { Verifier } from '../verify/detect.js';
import type { InstallOptions } from '../workspace/install.js';
import type { AppliedPackageChanges } from '../workspace/packages.js';
import type { DiffSummary } from '../workspace/diff.js';
import type { RunFolder } from '../workspace/workspace.js';
import type { RunJobOptions } from './types.js';

export interface StageResult {
  status: StageRecord['status'];
  summary?: string;
  /** Stop the pipeline after this stage (the outcome is already set). */
  stop?: boolean;
}

export type Stage = (ctx: JobContext) => Promise<StageResult>;

export interface JobContext {
  readonly runId: string;
  readonly options: RunJobOptions;
  readonly config: GodwitConfig;
  readonly migration: LoadedMigration;
  readonly signal: AbortSignal | undefined;
  readonly startedAt: Date;

  /** Set by prepare. */
  repoRef?: RepoRef;
  repo?: RepoInfo;
  forge?: Forge;
  folder?: RunFolder;
  /** The workspace's repository folder (a clone). */
  dir?: string;
  /** The branch the migration branch starts from (the repository's default branch). */
  baseBranch?: string;
  /** The commit the change starts from (diffs and guards compare with it). */
  baseCommit?: string;
  /** Set by baseline. */
  verifiers: Verifier[];
  baseline: VerifierResult[];
  /** Set by codemod; the agent keeps using the same Project. */
  project?: Project;
  dependencies?: AppliedPackageChanges;
  /** Set by prepare (and again by codemod when it reinstalls). */
  install?: InstallRecord;
  /** Set by gate. */
  final: VerifierResult[];
  guards: GuardFinding[];
  judge?: JudgeVerdict;
  agent?: RunReport['agent'];
  sites?: RunReport['sites'];
  usage: Usage;
  commit?: string;
  diff?: DiffSummary;
  pr?: PullRequestRecord;

  /** The outcome so far; the runner finalises it. */
  outcome?: { status: RunStatus; reason: string; error?: GodwitError };
  stages: StageRecord[];
  logs: LogLine[];
  currentStage?: StageName;
  log(level: LogLine['level'], message: string): void;
}

/** Options for the installs and lockfile updates a job runs (shared cache, scripts off, timeouts). */
export function installOptions(ctx: JobContext): InstallOptions {
  return {
    workdir: ctx.config.workdir,
    ignoreScripts: ctx.config.install.ignoreScripts,
    registry: ctx.config.install.registry,
    verifySignatures: ctx.config.install.verifyPackageManagerSignatures,
    timeoutMs: ctx.config.install.timeoutMs,
    maxOutputBytes: ctx.config.verify.maxOutputBytes,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}
