/**
 * The pre-scan: before any install or baseline, find out whether the migration has anything
 * to do here. On the fresh clone it applies the declared package changes, locates the change
 * sites (when the migration has a target) and runs the codemod step (run-codemod.ts), notes what
 * changed and which sites are left, then puts the working tree back to the commit — without git
 * when it can tell what it wrote (prescan-undo.ts). Nothing changed and no site left → the run
 * ends `no-changes` in about a second, without installing anything. Otherwise the run is kept for
 * the codemod stage, which reuses it where that provably gives the same result (codemod-reuse.ts).
 */
import path from 'node:path';
import type { Project } from 'ts-morph';
import { applyPackageChanges } from '../workspace/packages.js';
import type { JobContext, PreparedContext } from './context.js';
import { createWorkspaceProject } from '../context/index.js';
import { keepPrescanRun, type CodemodLog } from './codemod-reuse.js';
import { TrialOriginals, undoTrial } from './prescan-undo.js';
import { hasTarget, runCodemod, type CodemodOutcome } from './run-codemod.js';
import { stampWorkspaceSettled } from './workspace-stamp.js';

export interface PrescanResult {
  /** Files the codemod and package changes would change. */
  changedFiles: string[];
  /** What the codemod step found and left (src/pipeline/run-codemod.ts). */
  codemod: CodemodOutcome;
}

/** Undefined when the pre-scan cannot tell (a prompt-only migration without a target, or the codemod failed here). */
export async function prescan(ctx: PreparedContext): Promise<PrescanResult | undefined> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  if (!def.codemod && !hasTarget(ctx.migration)) return undefined;
  // The clone as it is (undefined: git tells what the trial run changed).
  const stamp = await stampWorkspaceSettled(dir);
  const originals = new TrialOriginals(dir);
  const logs: CodemodLog[] = [];
  let run: { project: Project; codemod: CodemodOutcome } | undefined;
  try {
    // In the codemod stage's order: package changes first, then the Project.
    originals.keep(path.join(dir, 'package.json'));
    applyPackageChanges(dir, ctx.packages ?? def.packages);
    const project = createWorkspaceProject(dir, { addSources: true });
    const log = (level: CodemodLog['level'], message: string): number => logs.push({ level, message });
    const codemod = await runCodemod({ dir, migration: ctx.migration, project, log, beforeSave: (files) => files.forEach((f) => originals.keep(f)) });
    run = { project, codemod };
  } catch (error) {
    // The codemod stage runs it again after the install and reports a failure properly.
    ctx.log('info', `pre-scan inconclusive: ${error instanceof Error ? error.message : String(error)}`);
  }
  const undone = await undoTrial(dir, stamp, originals, run !== undefined);
  if (!run) return undefined;
  if (stamp && undone.writes) keepPrescanRun(ctx, { project: run.project, outcome: run.codemod, logs, writes: undone.writes, stamp });
  return { changedFiles: undone.changedFiles, codemod: run.codemod };
}

/** The no-changes reason, when the pre-scan found nothing to do. */
export function nothingToDo(result: PrescanResult, ctx: JobContext): string | undefined {
  if (result.changedFiles.length > 0) return undefined;
  if (result.codemod.left.length > 0) return undefined;
  const def = ctx.migration.definition;
  const targeted = hasTarget(ctx.migration);
  const target = def.target.modules.length ? ` of ${def.target.modules.join(', ')}` : '';
  return targeted
    ? `nothing to change: no site${target} found, and the codemod changes no file (the repository is already migrated)`
    : 'nothing to change: the codemod changes no file (the repository is already migrated)';
}
