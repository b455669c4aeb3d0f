/** codemod: apply declared package changes, then run the migration's ts-morph codemod over one Project. */
import { installDependencies, regenerateLockfile, updateDependencies } from '../../workspace/install.js';
import { detectPackageManager } from '../../workspace/package-manager.js';
import { applyPackageChanges, hasPackageChanges } from '../../workspace/packages.js';
import { installOptions, type PreparedContext, type StageResult } from '../context.js';
import { createWorkspaceProject } from '../../context/index.js';
import { recordSites } from '../record-sites.js';
import { runCodemod } from '../run-codemod.js';
import { formatChanges } from '../format-changes.js';
import { recordInstall } from '../install-record.js';

async function applyDependencies(ctx: PreparedContext): Promise<string | undefined> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  const packages = ctx.packages ?? def.packages;
  if (!hasPackageChanges(packages)) return undefined;
  const applied = applyPackageChanges(dir, packages);
  ctx.dependencies = applied;
  const count = Object.keys(applied.added).length + applied.removed.length + Object.keys(applied.upgraded).length;
  if (count === 0) return 'package.json already up to date';
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
  return `${count} package change(s)${lockfile ? `, ${pm.lockfile} updated with ${pm.manager}` : ''}`;
}

export async function codemod(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  const deps = await applyDependencies(ctx);
  const project = createWorkspaceProject(dir, { addSources: true });
  ctx.project = project;
  const outcome = await runCodemod({ dir, migration: ctx.migration, project, log: (level, message) => ctx.log(level, message) });
  recordSites(ctx, outcome);
  if (!def.codemod) return deps ? { status: 'ok', summary: deps } : { status: 'skipped', summary: 'the migration has no codemod' };
  const changed = await formatChanges(ctx, 'codemod');
  ctx.uncommitted = changed;
  // The agent keeps using this Project: it must see the formatted text.
  for (const file of project.getSourceFiles()) await file.refreshFromFileSystem();
  const dropped = outcome.dropped.length ? `; ${outcome.dropped.length} file change(s) dropped by the check` : '';
  const left = outcome.left.length ? `; ${outcome.left.length} site(s) left for the agent` : '';
  return { status: 'ok', summary: [deps, `${changed.length} file(s) changed${dropped}${left}`].filter(Boolean).join('; ') };
}
