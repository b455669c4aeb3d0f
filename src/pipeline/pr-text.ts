/** The PR title from the migration's template; the body is renderPullRequestBody(report) in src/forge/pr-body.ts. */
import type { JobContext } from './context.js';

export function pullRequestTitle(ctx: JobContext): string {
  return ctx.migration.definition.pr.title
    .replaceAll('{{repo}}', ctx.repoRef?.name ?? ctx.options.repo)
    .replaceAll('{{migration}}', ctx.migration.definition.id);
}
