/**
 * publish: push the branch and open/update the PR (or record a dry run). A failed or unverified
 * run pushes nothing unless the migration's draft policy asks for drafts; an unverified run gets
 * a ready PR only when the migration or the config opts in (`verify.allowUnverified`).
 */
import type { PreparedContext, StageResult } from '../context.js';
import { renderPullRequestBody } from '../../forge/pr-body.js';
import { pullRequestTitle } from '../pr-text.js';
import { buildReport } from '../report.js';

export async function publish(ctx: PreparedContext): Promise<StageResult> {
  const def = ctx.migration.definition;
  const status = ctx.outcome?.status;
  const branch = ctx.migration.branch;
  // The campaign's draft policy (config pullRequests.draft) wins over the migration's pr.draft.
  const policy = ctx.config.pullRequests.draft;
  const draftPolicy = policy === 'when-unverified' ? 'on-failure' : (policy ?? def.pr.draft);
  const unverifiedAllowed = status === 'unverified' && (def.verify.allowUnverified || ctx.config.verify.allowUnverified);
  const wantsDrafts = draftPolicy === 'on-failure' || draftPolicy === 'always';
  if ((status === 'failed' || status === 'unverified') && !wantsDrafts && !unverifiedAllowed) {
    ctx.pr = { action: 'skipped', branch };
    return { status: 'skipped', summary: `${status === 'failed' ? 'not verified' : 'unverified'}: nothing pushed` };
  }
  if (status !== 'verified' && status !== 'failed' && status !== 'unverified') return { status: 'skipped', summary: `nothing to publish (${status})` };
  const draft = draftPolicy === 'always' || status === 'failed' || (status === 'unverified' && !unverifiedAllowed);
  const files = ctx.diff ? `${ctx.diff.changedFiles.length} file(s), +${ctx.diff.additions} −${ctx.diff.deletions}` : '';
  if (ctx.options.dryRun) {
    ctx.pr = { action: 'dry-run', branch, ...(ctx.commit ? { commit: ctx.commit } : {}) };
    return { status: 'ok', summary: `dry run: ${files}; nothing pushed` };
  }
  ctx.pr = await ctx.forge.openOrUpdatePullRequest({
    repo: ctx.repo,
    workspaceDir: ctx.dir,
    branch,
    base: ctx.baseBranch,
    title: pullRequestTitle(ctx),
    body: renderPullRequestBody(buildReport(ctx), { id: def.id, title: def.title, description: def.description, prBody: def.pr.body }),
    labels: def.pr.labels,
    draft,
    reopen: ctx.options.reopen ?? false,
    // What the gate committed and diffed, so that the forge need not ask git again.
    ...(ctx.commit ? { commit: ctx.commit } : {}),
    ...(ctx.diff ? { diff: ctx.diff.diff } : {}),
  });
  return { status: 'ok', summary: `${ctx.pr.action}${ctx.pr.url ? ` ${ctx.pr.url}` : ''} (${files})` };
}
