/**
 * Rebase on conflict (or already when behind, `pullRequests.rebase`): re-run the migration on
 * the current base through the whole pipeline (publish force-pushes over godwit's commits
 * only). While the branch holds a human's commit nothing is touched; a comment says why, once
 * per head commit.
 */
import { comment, humanCommits } from '../../forge/github/pr-actions.js';
import type { RunReport } from '../../report/run-report.js';
import type { PrContext } from './pr-context.js';
import type { FollowUpDeps } from './types.js';

export interface RebaseResult {
  action: 'none' | 'rebased' | 'blocked' | 'failed';
  reason: string;
  report?: RunReport;
}

export async function maybeRebase(deps: FollowUpDeps, c: PrContext): Promise<RebaseResult> {
  const { at, client, pr } = c;
  const mode = c.policy.pullRequests.rebase;
  if (mode === 'never' || pr.state !== 'open') return { action: 'none', reason: mode === 'never' ? 'rebase: never' : 'the PR is not open' };
  const conflicted = pr.mergeableState === 'dirty';
  const behind = pr.mergeableState === 'behind';
  if (!conflicted && !(behind && mode === 'behind')) return { action: 'none', reason: `mergeable state ${pr.mergeableState ?? 'unknown'}` };
  const why = conflicted ? 'it conflicts with' : 'it is behind';
  const humans = await humanCommits(client, at, pr.number);
  const now = deps.now().toISOString();
  if (humans.length > 0) {
    const record = await deps.store.get(at.name, pr.number);
    const reason = `not rebased: the branch has commits by someone else (${humans.slice(0, 3).join(', ')})`;
    if (record.rebase?.outcome !== `blocked@${pr.headSha}`) {
      await comment(
        client,
        at,
        pr.number,
        `godwit did not rebase this PR although ${why} \`${pr.baseRef}\`: the branch has commits by someone else (${humans.slice(0, 3).join(', ')}), and godwit never overwrites them. Please rebase it yourself.`,
      );
      await deps.store.update(at.name, pr.number, (r) => {
        r.rebase = { at: now, outcome: `blocked@${pr.headSha}`, reason };
      });
    }
    return { action: 'blocked', reason };
  }
  const migration = await deps.loadMigration(c.migrationId);
  const report = await deps.runJob({ migration, repo: c.repoRef, config: deps.config, forge: deps.forge });
  const pushed = report.pr && ['updated', 'pushed', 'reopened', 'created'].includes(report.pr.action);
  const reason = `${why} ${pr.baseRef}: re-ran the migration — ${report.status}${report.pr ? `, PR ${report.pr.action}` : ''}`;
  await deps.store.update(at.name, pr.number, (r) => {
    r.rebase = { at: now, outcome: pushed ? 'rebased' : report.status, reason };
  });
  if (c.link) await deps.store.recordRun(c.link, report);
  if (!pushed) await comment(client, at, pr.number, `godwit tried to rebase this PR (${why} \`${pr.baseRef}\`) but the re-run ended **${report.status}**: ${report.reason}`);
  return { action: pushed ? 'rebased' : 'failed', reason, report };
}
