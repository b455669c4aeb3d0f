/**
 * The pre-scan: before any install or baseline, find out whether the migration has anything
 * to do here. On the fresh clone it locates the change sites (when the migration has a
 * target), applies the declared package changes and runs the codemod step (run-codemod.ts),
 * notes what changed and which sites are left, then puts the working tree back to the commit. Nothing changed and no
 * site left → the run ends `no-changes` in about a second, without installing anything.
 */
import { uncommittedEntries, type UncommittedEntry } from '../workspace/commit.js';
import { applyPackageChanges } from '../workspace/packages.js';
import { resetToHead, undoChanges } from '../workspace/restore.js';
import type { JobContext, PreparedContext } from './context.js';
import { createWorkspaceProject } from '../context/index.js';
import { hasTarget, runCodemod, type CodemodOutcome } from './run-codemod.js';

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
  let changed: UncommittedEntry[] | undefined;
  try {
    const project = createWorkspaceProject(dir, { addSources: true });
    applyPackageChanges(dir, ctx.packages ?? def.packages);
    const codemod = await runCodemod({ dir, migration: ctx.migration, project, log: () => {} });
    changed = await uncommittedEntries(dir);
    return { changedFiles: changed.map((e) => e.file), codemod };
  } catch (error) {
    // The codemod stage runs it again after the install and reports a failure properly.
    ctx.log('info', `pre-scan inconclusive: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    // What changed is known: undo just that (no git call when nothing changed).
    if (changed) await undoChanges(dir, changed);
    else await resetToHead(dir);
  }
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
