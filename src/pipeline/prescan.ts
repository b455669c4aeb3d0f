/**
 * The pre-scan: before any install or baseline, find out whether the migration has anything
 * to do here. On the fresh clone it locates the change sites (when the migration has a
 * target), applies the declared package changes and runs the codemod, notes what changed and
 * which sites are left, then puts the working tree back to the commit. Nothing changed and no
 * site left → the run ends `no-changes` in about a second, without installing anything.
 */
import { locateSites } from '../context/index.js';
import type { Site } from '../context/types.js';
import { uncommittedFiles } from '../workspace/commit.js';
import { applyPackageChanges } from '../workspace/packages.js';
import { resetToHead } from '../workspace/restore.js';
import type { JobContext, PreparedContext } from './context.js';
import { createWorkspaceProject } from './project.js';
import { saveProjectInWorkspace } from './save-project.js';

export interface PrescanResult {
  /** Files the codemod and package changes would change. */
  changedFiles: string[];
  /** Sites before the codemod, and those it leaves (undefined: the migration declares no target). */
  sitesFound: Site[] | undefined;
  sitesLeft: Site[] | undefined;
}

function hasTarget(ctx: JobContext): boolean {
  const target = ctx.migration.definition.target;
  return target.modules.length > 0 || target.locate !== undefined;
}

/** Undefined when the pre-scan cannot tell (a prompt-only migration without a target, or the codemod failed here). */
export async function prescan(ctx: PreparedContext): Promise<PrescanResult | undefined> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  const targeted = hasTarget(ctx);
  if (!def.codemod && !targeted) return undefined;
  try {
    const project = createWorkspaceProject(dir);
    const sitesFound = targeted ? await locateSites(project, def.target, dir) : undefined;
    applyPackageChanges(dir, ctx.packages ?? def.packages);
    if (def.codemod) {
      await def.codemod(project, { dir, options: def.options, log: () => {}, leave: () => {} });
      await saveProjectInWorkspace(project, dir, () => {});
    }
    const sitesLeft = targeted ? await locateSites(project, def.target, dir) : undefined;
    return { changedFiles: await uncommittedFiles(dir), sitesFound, sitesLeft };
  } catch (error) {
    // The codemod stage runs it again after the install and reports a failure properly.
    ctx.log('info', `pre-scan inconclusive: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    await resetToHead(dir);
  }
}

/** The no-changes reason, when the pre-scan found nothing to do. */
export function nothingToDo(result: PrescanResult, ctx: JobContext): string | undefined {
  if (result.changedFiles.length > 0) return undefined;
  if (result.sitesLeft && result.sitesLeft.length > 0) return undefined;
  const def = ctx.migration.definition;
  // A prompt-only migration with a target has work exactly when the locator finds a site.
  if (!def.codemod && result.sitesLeft === undefined) return undefined;
  const target = def.target.modules.length ? ` of ${def.target.modules.join(', ')}` : '';
  return result.sitesLeft
    ? `nothing to change: no site${target} found, and the codemod changes no file (the repository is already migrated)`
    : 'nothing to change: the codemod changes no file (the repository is already migrated)';
}
