/**
 * codemod: apply declared package changes, then run the migration's ts-morph codemod over one
 * Project — or write the pre-scan's result where running it again provably gives the same
 * (codemod-reuse.ts).
 */
import path from 'node:path';
import type { Project } from 'ts-morph';
import { installDependencies, regenerateLockfile, updateDependencies } from '../../workspace/install.js';
import { detectPackageManager } from '../../workspace/package-manager.js';
import { applyPackageChanges, hasPackageChanges } from '../../workspace/packages.js';
import { installOptions, type PreparedContext, type StageResult } from '../context.js';
import { createWorkspaceProject } from '../../context/index.js';
import { recordSites } from '../record-sites.js';
import { runCodemod, type CodemodOutcome } from '../run-codemod.js';
import { replayPrescanRun, takePrescanRun, type PrescanRun } from '../codemod-reuse.js';
import { formatChanges } from '../format-changes.js';
import { recordInstall } from '../install-record.js';

/** `summary` undefined: the migration changes no package; `packageManager`: a lockfile update or install ran. */
async function applyDependencies(ctx: PreparedContext): Promise<{ summary?: string; packageManager: boolean }> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  const packages = ctx.packages ?? def.packages;
  if (!hasPackageChanges(packages)) return { packageManager: false };
  const applied = applyPackageChanges(dir, packages);
  ctx.dependencies = applied;
  const count = Object.keys(applied.added).length + applied.removed.length + Object.keys(applied.upgraded).length;
  if (count === 0) return { summary: 'package.json already up to date', packageManager: false };
  const pm = detectPackageManager(dir)!;
  const lockfile = pm.lockfile !== undefined;
  const opts = installOptions(ctx);
  // The PR's lockfile must match its package.json: regenerate with the repository's own manager —
  // with an install, in the same run (one download, not a lockfile run and then a clean install).
  // A repository without a lockfile does not get one.
  const install = ctx.options.install !== false;
  if (lockfile) {
    const run = install ? await updateDependencies(dir, pm, opts) : await regenerateLockfile(dir, pm, opts);
    if (run.legacyPeerDeps) ctx.log('warn', `npm reported a peer-dependency conflict (ERESOLVE) updating ${pm.lockfile}; updated with --legacy-peer-deps`);
    if (install) ctx.install = recordInstall(run, ctx.install);
  } else if (install) ctx.install = recordInstall(await installDependencies(dir, pm, opts), ctx.install);
  return { summary: `${count} package change(s)${lockfile ? `, ${pm.lockfile} updated with ${pm.manager}` : ''}`, packageManager: lockfile || install };
}

/** The pre-scan's run written back, or the codemod run now; `known`: the changed files, when no `git status` is needed. */
async function codemodRun(
  ctx: PreparedContext,
  prescanRun: PrescanRun | undefined,
): Promise<{ project: Project; outcome: CodemodOutcome; known?: string[]; originals?: ReadonlyMap<string, string> }> {
  if (prescanRun) {
    const originals = replayPrescanRun(ctx, prescanRun);
    ctx.log('info', `the pre-scan's codemod run is reused: ${prescanRun.writes.size} file(s) written back (nothing installed, the workspace as it saw it)`);
    // The workspace was the untouched clone (every file tracked): what changed is what was written.
    return { project: prescanRun.project, outcome: prescanRun.outcome, known: [...prescanRun.writes.keys()], originals };
  }
  const project = createWorkspaceProject(ctx.dir, { addSources: true });
  const outcome = await runCodemod({ dir: ctx.dir, migration: ctx.migration, project, log: (level, message) => ctx.log(level, message) });
  return { project, outcome };
}

export async function codemod(ctx: PreparedContext): Promise<StageResult> {
  const def = ctx.migration.definition;
  const prescanRun = takePrescanRun(ctx);
  const dependencies = await applyDependencies(ctx);
  const deps = dependencies.summary;
  const { project, outcome, known, originals } = await codemodRun(ctx, dependencies.packageManager ? undefined : prescanRun);
  ctx.project = project;
  recordSites(ctx, outcome);
  if (!def.codemod) return deps ? { status: 'ok', summary: deps } : { status: 'skipped', summary: 'the migration has no codemod' };
  const changed = await formatChanges(ctx, 'codemod', known, originals);
  ctx.uncommitted = changed;
  // The agent keeps using this Project: it must see the formatted text. After a reused run only
  // the files written (and formatted) can differ from it; a codemod run now may also have written others itself.
  const stale = known ? changed.flatMap((f) => project.getSourceFile(path.join(ctx.dir, f)) ?? []) : project.getSourceFiles();
  for (const file of stale) await file.refreshFromFileSystem();
  const dropped = outcome.dropped.length ? `; ${outcome.dropped.length} file change(s) dropped by the check` : '';
  const left = outcome.left.length ? `; ${outcome.left.length} site(s) left for the agent` : '';
  return { status: 'ok', summary: [deps, `${changed.length} file(s) changed${dropped}${left}`].filter(Boolean).join('; ') };
}
