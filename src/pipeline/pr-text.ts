/**
 * A short PR title/body until the GitHub engineer's renderPullRequestBody(report) (src/forge/pr-body.ts)
 * replaces the body here.
 */
import type { JobContext } from './context.js';
import { summarizeResults } from './stages/summaries.js';

function fill(template: string, ctx: JobContext): string {
  return template.replaceAll('{{repo}}', ctx.repoRef?.name ?? ctx.options.repo).replaceAll('{{migration}}', ctx.migration.definition.id);
}

export function pullRequestTitle(ctx: JobContext): string {
  return fill(ctx.migration.definition.pr.title, ctx);
}

export function pullRequestBody(ctx: JobContext): string {
  const def = ctx.migration.definition;
  return [
    fill(def.pr.body, ctx),
    '',
    `Migration: \`${def.id}\` — ${def.title}`,
    `Baseline: ${summarizeResults(ctx.baseline)}`,
    `After: ${summarizeResults(ctx.final)}`,
    `Changed: ${ctx.diff?.changedFiles.length ?? 0} file(s), +${ctx.diff?.additions ?? 0} −${ctx.diff?.deletions ?? 0}`,
  ]
    .join('\n')
    .trim();
}
