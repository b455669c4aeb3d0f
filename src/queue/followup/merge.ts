/**
 * Merging per the campaign's policy (merge-policy.ts decides): gathers the head commit's check
 * runs and statuses, the base branch's required checks, the review decision and the PR's
 * commit authors, and merges pinned to the head sha it judged (GitHub refuses with 409 if the
 * branch moved meanwhile). Merged PRs are recorded with the campaign (burndown).
 */
import { githubCall } from '../../forge/github/client.js';
import { checkRunsOf, isFailing } from '../../forge/github/ci.js';
import { mergeVerdict, type MergeFacts } from '../../forge/github/merge-policy.js';
import { humanCommits, mergePull, requiredChecks } from '../../forge/github/pr-actions.js';
import { reviewDecision } from '../../forge/github/sync.js';
import type { MergeState } from '../../report/run-report.js';
import type { PrContext } from './pr-context.js';
import type { FollowUpDeps } from './types.js';

async function checksOf(c: PrContext): Promise<MergeFacts['checks']> {
  const { at, client, pr } = c;
  const runs = await checkRunsOf(client, at, pr.headSha);
  const statuses = await githubCall(at.name, 'repos.getCombinedStatusForRef', () =>
    client.rest.repos.getCombinedStatusForRef({ owner: at.owner, repo: at.repo, ref: pr.headSha, per_page: 100 }),
  );
  return [
    ...runs.map((r) => ({ name: r.name, state: r.status !== 'completed' ? ('pending' as const) : isFailing(r) ? ('failure' as const) : ('success' as const) })),
    ...statuses.data.statuses.map((s) => ({ name: s.context, state: s.state === 'success' ? ('success' as const) : s.state === 'pending' ? ('pending' as const) : ('failure' as const) })),
  ];
}

export async function maybeMerge(deps: FollowUpDeps, c: PrContext): Promise<MergeState> {
  const { at, client, pr } = c;
  const policy = c.policy.pullRequests.merge;
  const now = deps.now();
  let state: MergeState;
  if (pr.merged) {
    state = { state: 'merged', reason: 'merged', at: now.toISOString() };
  } else if (policy.mode === 'off') {
    state = { state: 'off', reason: 'merging is off for this campaign', at: now.toISOString() };
  } else {
    const { data: full } = await githubCall(at.name, 'pulls.get', () => client.rest.pulls.get({ owner: at.owner, repo: at.repo, pull_number: pr.number }));
    const facts: MergeFacts = {
      repo: at.name,
      state: pr.state === 'closed' ? 'closed' : pr.draft ? 'draft' : 'open',
      checks: await checksOf(c),
      required: await requiredChecks(client, at, pr.baseRef),
      reviewDecision: await reviewDecision(client, at, full),
      humanCommits: await humanCommits(client, at, pr.number),
      ...(pr.mergeableState ? { mergeableState: pr.mergeableState } : {}),
    };
    const verdict = mergeVerdict(policy, facts, now);
    if (!verdict.merge) {
      state = { state: verdict.final ? 'blocked' : 'waiting', reason: verdict.reason, at: now.toISOString() };
    } else {
      try {
        const merged = await mergePull(client, at, pr.number, pr.headSha, policy.method);
        state = { state: merged.merged ? 'merged' : 'failed', reason: verdict.reason, at: now.toISOString(), method: policy.method, sha: merged.sha };
      } catch (error) {
        state = { state: 'failed', reason: (error as Error).message.slice(0, 500), at: now.toISOString() };
      }
    }
  }
  const previous = (await deps.store.get(at.name, pr.number)).merge;
  await deps.store.update(at.name, pr.number, (r) => {
    r.merge = state;
  });
  if (state.state === 'merged' && previous?.state !== 'merged' && c.link) {
    await deps.store.recordMerged(c.link, { repo: at.name, number: pr.number, url: pr.url, branch: pr.headRef, headSha: pr.headSha });
  }
  return state;
}
