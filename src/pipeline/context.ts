/**
 * The JobContext: everything one run knows, passed to every stage. Stages read what earlier
 * stages left here and record what they did; report.ts turns it into the RunReport.
 * prepare receives a JobContext; every later stage receives a PreparedContext, in which what
 * prepare established (the repository, its forge, the clone, the base commit) is not optional.
 */
import os from 'node:os';
import type { Project } from 'ts-morph';
import type { LoadedMigration } from '../catalog/definition.js';
import type { Site } from '../context/types.js';
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
} from '../report/run-report.js';
import type { DetectOptions, Verifier } from '../verify/detect.js';
import { mergeOverrides } from '../verify/overrides.js';
import type { RunVerifiersOptions } from '../verify/run-verifiers.js';
import { ensureCorepackShims } from '../workspace/install.js';
import { detectPackageManager } from '../workspace/package-manager.js';
import { corepackEnv } from '../workspace/pm-commands.js';
import type { RepoSettings } from '../workspace/repo-settings.js';
import type { VerifierRun } from '../verify/test-cases.js';
import type { InstallOptions } from '../workspace/install.js';
import type { AppliedPackageChanges, PackageChanges } from '../workspace/packages.js';
import type { DiffSummary } from '../workspace/diff.js';
import type { RunFolder } from '../workspace/workspace.js';
import type { RunJobOptions } from './types.js';

export interface StageResult {
  status: StageRecord['status'];
  summary?: string;
  /** Stop the pipeline after this stage (the outcome is already set). */
  stop?: boolean;
}

/** A stage after prepare (the default), or prepare itself (`Stage<JobContext>`). */
export type Stage<C extends JobContext = PreparedContext> = (ctx: C) => Promise<StageResult>;

/** A pipeline: prepare, which establishes the workspace, then the stages that work in it. */
export interface Pipeline {
  prepare: Stage<JobContext>;
  stages: ReadonlyArray<[StageName, Stage]>;
}

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
  /** The repository's own godwit settings, read from the base commit. */
  repoSettings?: RepoSettings;
  /** Set by baseline: detected on the untouched tree, scripts pinned to their base-commit text. */
  verifiers: Verifier[];
  baseline: VerifierRun[];
  /**
   * The uncommitted files as the codemod stage last read them (formatting changes contents, not
   * which files changed), so the gate needs no `git status` of its own; cleared by any stage that
   * may change other files (the agent).
   */
  uncommitted?: string[];
  /** Set by codemod; the agent keeps using the same Project. */
  project?: Project;
  dependencies?: AppliedPackageChanges;
  /** The migration's package changes for this repository (its packagesFor), set by prepare. */
  packages?: PackageChanges;
  /** Set by prepare (and again by codemod when it reinstalls). */
  install?: InstallRecord;
  /** Set by gate. */
  final: VerifierRun[];
  guards: GuardFinding[];
  judge?: JudgeVerdict;
  agent?: RunReport['agent'];
  /** Set by codemod (src/pipeline/run-codemod.ts): the counts, and the sites the agent gets. */
  sites?: RunReport['sites'];
  leftovers?: Site[];
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

type PreparedField = 'repoRef' | 'repo' | 'forge' | 'folder' | 'dir' | 'baseBranch' | 'baseCommit';

/** The context once prepare has cloned the repository. */
export type PreparedContext = JobContext & Required<Pick<JobContext, PreparedField>>;

/** Records what prepare established, and returns the same context typed as prepared. */
export function markPrepared(ctx: JobContext, fields: Pick<PreparedContext, PreparedField>): PreparedContext {
  return Object.assign(ctx, fields);
}

export function isPrepared(ctx: JobContext): ctx is PreparedContext {
  return ctx.repoRef !== undefined && ctx.repo !== undefined && ctx.forge !== undefined && ctx.folder !== undefined && ctx.dir !== undefined && ctx.baseBranch !== undefined && ctx.baseCommit !== undefined;
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

/** How verifiers are detected: campaign overrides, then the repository's own settings (they win), its package manager. */
export function detectOptions(ctx: PreparedContext): DetectOptions {
  const pm = detectPackageManager(ctx.dir);
  return { overrides: mergeOverrides(ctx.options.verifiers, ctx.repoSettings?.verify), ...(pm ? { packageManager: pm } : {}) };
}

/** How verifiers run: timeouts, output cap, corepack's settings and shims for pnpm/yarn scripts. */
export function verifierRunOptions(ctx: JobContext): RunVerifiersOptions {
  const shimDir = ensureCorepackShims(ctx.config.workdir);
  return {
    timeoutMs: ctx.config.verify.timeoutMs,
    maxOutputBytes: ctx.config.verify.maxOutputBytes,
    // Independent verifiers at once only when there are cores to spare (config.verify.parallel).
    parallel: ctx.config.verify.parallel ?? (os.availableParallelism() >= 4 ? 2 : 1),
    env: corepackEnv({ workdir: ctx.config.workdir, registry: ctx.config.install.registry, verifySignatures: ctx.config.install.verifyPackageManagerSignatures }),
    ...(shimDir ? { shimDir } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}
