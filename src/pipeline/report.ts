/** Builds the RunReport from a finished JobContext. */
import { sandboxInfo } from '../process/index.js';
import { SCHEMA_VERSION, type RunReport } from '../report/run-report.js';
import { withoutCases } from '../verify/index.js';
import type { JobContext } from './context.js';

export function buildReport(ctx: JobContext): RunReport {
  const finishedAt = new Date();
  const outcome = ctx.outcome ?? { status: 'error' as const, reason: 'the run ended without an outcome' };
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: ctx.runId,
    migration: { id: ctx.migration.definition.id, title: ctx.migration.definition.title },
    repo: {
      ref: ctx.repoRef?.input ?? ctx.options.repo,
      name: ctx.repoRef?.name ?? ctx.options.repo,
      ...(ctx.baseBranch ? { defaultBranch: ctx.baseBranch } : {}),
    },
    status: outcome.status,
    reason: outcome.reason,
    ...(outcome.error ? { error: outcome.error.toJSON() } : {}),
    startedAt: ctx.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - ctx.startedAt.getTime(),
    stages: ctx.stages,
    changedFiles: ctx.diff?.changedFiles ?? [],
    diff: ctx.diff?.diff ?? '',
    ...(ctx.dependencies ? { dependencies: ctx.dependencies } : {}),
    ...(ctx.sites ? { sites: ctx.sites } : {}),
    ...(ctx.install ? { install: ctx.install } : {}),
    sandbox: sandboxInfo(),
    baseline: ctx.baseline.map(withoutCases),
    final: ctx.final.map(withoutCases),
    guards: ctx.guards,
    ...(ctx.judge ? { judge: ctx.judge } : {}),
    ...(ctx.agent ? { agent: ctx.agent } : {}),
    usage: ctx.usage,
    ...(ctx.pr ? { pr: ctx.pr } : {}),
    logs: ctx.logs,
  };
}
