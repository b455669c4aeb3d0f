/** codemod: apply declared package changes, then run the migration's ts-morph codemod over one Project. */
import { GodwitError } from '../../errors.js';
import { uncommittedFiles } from '../../workspace/commit.js';
import { installDependencies, regenerateLockfile } from '../../workspace/install.js';
import { detectPackageManager } from '../../workspace/package-manager.js';
import { applyPackageChanges, hasPackageChanges } from '../../workspace/packages.js';
import { installOptions, type PreparedContext, type StageResult } from '../context.js';
import { createWorkspaceProject } from '../project.js';
import { saveProjectInWorkspace } from '../save-project.js';
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
  // The PR's lockfile must match its package.json: regenerate with the repository's own manager.
  // A repository without a lockfile does not get one.
  if (lockfile) {
    const run = await regenerateLockfile(dir, pm, opts);
    if (run.legacyPeerDeps) ctx.log('warn', `npm reported a peer-dependency conflict (ERESOLVE) updating ${pm.lockfile}; updated with --legacy-peer-deps`);
  }
  if (ctx.options.install !== false) ctx.install = recordInstall(await installDependencies(dir, detectPackageManager(dir)!, opts), ctx.install);
  return `${count} package change(s)${lockfile ? `, ${pm.lockfile} updated with ${pm.manager}` : ''}`;
}

export async function codemod(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  const deps = await applyDependencies(ctx);
  if (!def.codemod) return deps ? { status: 'ok', summary: deps } : { status: 'skipped', summary: 'the migration has no codemod' };

  const project = createWorkspaceProject(dir);
  ctx.project = project;
  try {
    await def.codemod(project, {
      dir,
      options: def.options,
      log: (message) => ctx.log('info', message),
      leave: (site) => ctx.log('info', `${site.file}:${site.line}:${site.column}: left for the agent: ${site.reason}`),
    });
    await saveProjectInWorkspace(project, dir, (message) => ctx.log('warn', message));
    await formatChanges(ctx, 'codemod');
    // The agent keeps using this Project: it must see the formatted text.
    for (const file of project.getSourceFiles()) await file.refreshFromFileSystem();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GodwitError(
      'codemod-failed',
      `The codemod of migration ${def.id} threw: ${message}`,
      `Fix ${ctx.migration.dir ? `${ctx.migration.dir}/codemod.ts` : 'the codemod'}, then try it with \`godwit run ${def.id} <repo> --dry-run\`.`,
      { cause: error },
    );
  }
  const changed = await uncommittedFiles(dir);
  return { status: 'ok', summary: [deps, `${changed.length} file(s) changed`].filter(Boolean).join('; ') };
}
