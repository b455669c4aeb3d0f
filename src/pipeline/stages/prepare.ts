/** prepare: resolve the repository, clone it into a fresh folder, check preconditions, branch, install. */
import { evaluateApplicability } from '../../catalog/applicability.js';
import { GodwitError } from '../../errors.js';
import { createRepoSnapshot } from '../../catalog/snapshot.js';
import { packageChangesSchema } from '../../catalog/definition.js';
import { describePackageChanges } from '../../workspace/packages.js';
import { createBranch } from '../../workspace/branch.js';
import { installDependencies } from '../../workspace/install.js';
import { recordInstall } from '../install-record.js';
import { dropPrescanRun } from '../codemod-reuse.js';
import { nothingToDo, prescan } from '../prescan.js';
import { recordSites } from '../record-sites.js';
import { cloneIntoRunFolder, resolveRepository } from '../resolve-repository.js';
import { detectPackageManager } from '../../workspace/package-manager.js';
import { readRepoSettings } from '../../workspace/repo-settings.js';
import { installOptions, markPrepared, type JobContext, type StageResult } from '../context.js';

export async function prepare(ctx: JobContext): Promise<StageResult> {
  const resolved = await resolveRepository(ctx);
  const { repoRef, forge, repo } = resolved;
  if (repo.archived && !ctx.options.dryRun) {
    // It accepts no pushes: stop before cloning and before any LLM spend (a usage error, not retried).
    throw new GodwitError(
      'repo-invalid',
      `${repo.name} is archived: it accepts no pushes or pull requests`,
      'Unarchive the repository, or leave it out of the campaign (discovery skips archived repositories).',
    );
  }
  const { folder, cloned, baseBranch } = await cloneIntoRunFolder(ctx, resolved);
  const prepared = markPrepared(ctx, { repoRef, forge, repo, folder, dir: cloned.dir, baseBranch, baseCommit: cloned.head });
  // The repository's own godwit settings, from the base commit only.
  const repoSettings = await readRepoSettings(cloned.dir, cloned.head, { checkoutIsBase: true });
  if (repoSettings) {
    ctx.repoSettings = repoSettings;
    ctx.log('info', `repository settings from ${repoSettings.source}`);
  }

  const snapshot = createRepoSnapshot(cloned.dir);
  const applicability = await evaluateApplicability(ctx.migration.definition, snapshot);
  ctx.log('info', `applicability: ${applicability.reason}`);
  if (!applicability.applies) {
    ctx.outcome = { status: 'not-applicable', reason: applicability.reason };
    return { status: 'ok', summary: `not applicable: ${applicability.reason}`, stop: true };
  }

  if (ctx.migration.definition.packagesFor) {
    ctx.packages = packageChangesSchema.parse(await ctx.migration.definition.packagesFor(snapshot));
    ctx.log('info', `package changes for this repository: ${describePackageChanges(ctx.packages)}`);
  }

  // Before any install: is there anything to change at all?
  const scan = await prescan(prepared);
  if (scan) {
    const none = nothingToDo(scan, ctx);
    if (none) {
      recordSites(ctx, scan.codemod);
      ctx.outcome = { status: 'no-changes', reason: none };
      return { status: 'ok', summary: `${none}; nothing installed`, stop: true };
    }
    ctx.log('info', `pre-scan: ${scan.changedFiles.length} file(s) to change, ${scan.codemod.left.length} site(s) left for the agent`);
  }

  await createBranch(cloned.dir, ctx.migration.branch, cloned.head);
  const pm = detectPackageManager(cloned.dir);
  let installed = 'no install';
  if (ctx.options.install !== false && pm) {
    const run = await installDependencies(cloned.dir, pm, installOptions(ctx));
    ctx.install = recordInstall(run);
    dropPrescanRun(ctx); // the codemod stage runs the codemod again against the installed packages
    if (run.legacyPeerDeps) ctx.log('warn', `npm reported a peer-dependency conflict (ERESOLVE); installed with --legacy-peer-deps`);
    installed = `installed with ${run.packageManager} in ${(run.durationMs / 1000).toFixed(1)}s${run.legacyPeerDeps ? ' (--legacy-peer-deps after ERESOLVE)' : ''}`;
  } else if (pm) installed = 'install skipped';
  ctx.log('info', installed);
  return { status: 'ok', summary: `cloned ${repo.name}@${baseBranch}, branch ${ctx.migration.branch}, ${installed}` };
}

