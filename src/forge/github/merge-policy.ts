/**
 * Whether godwit may merge a PR now: the campaign's merge mode, the PR's state, no human
 * commits, every required check (branch protection; every check when unknown) completed
 * green, an approval when asked for, and the clock inside the merge window in the
 * repository's time zone. Pure: the caller gathers the facts and passes the time.
 */
import type { z } from 'zod';
import type { mergePolicySchema } from '../../config/github-policy.js';
import { insideWindow, localTime, timezoneFor } from './schedule.js';

export type MergePolicy = z.output<typeof mergePolicySchema>;

export interface MergeFacts {
  repo: string;
  state: 'open' | 'draft' | 'merged' | 'closed';
  /** Check runs and commit statuses of the head commit, by name/context. */
  checks: Array<{ name: string; state: 'success' | 'failure' | 'pending' }>;
  /** Required check names; undefined: all checks are required. */
  required: string[] | undefined;
  reviewDecision: 'approved' | 'changes-requested' | 'review-required' | 'none';
  humanCommits: string[];
  mergeableState?: string;
}

export type MergeVerdict = { merge: true; reason: string } | { merge: false; reason: string; final?: boolean };

export function mergeVerdict(policy: MergePolicy, facts: MergeFacts, now: Date): MergeVerdict {
  if (policy.mode === 'off') return { merge: false, reason: 'merging is off for this campaign', final: true };
  if (facts.state === 'merged') return { merge: false, reason: 'already merged', final: true };
  if (facts.state === 'closed') return { merge: false, reason: 'the PR is closed', final: true };
  if (facts.state === 'draft') return { merge: false, reason: 'the PR is a draft' };
  if (facts.humanCommits.length > 0) {
    return { merge: false, reason: `a human pushed to the branch (${facts.humanCommits[0]}); godwit leaves merging to people`, final: true };
  }
  if (facts.mergeableState === 'dirty') return { merge: false, reason: 'the PR conflicts with its base' };
  const required = facts.required ?? facts.checks.map((c) => c.name);
  if (required.length === 0) return { merge: false, reason: 'no checks reported on the head commit; godwit merges only what CI has seen' };
  const byName = new Map(facts.checks.map((c) => [c.name, c.state]));
  const failing = required.filter((n) => byName.get(n) === 'failure');
  if (failing.length) return { merge: false, reason: `required check(s) failing: ${failing.join(', ')}` };
  const pending = required.filter((n) => byName.get(n) !== 'success');
  if (pending.length) return { merge: false, reason: `required check(s) pending or missing: ${pending.join(', ')}` };
  if (policy.mode === 'when-approved' && facts.reviewDecision !== 'approved') {
    return { merge: false, reason: `waiting for an approving review (review: ${facts.reviewDecision})` };
  }
  if (facts.reviewDecision === 'changes-requested') return { merge: false, reason: 'a reviewer requested changes' };
  const tz = timezoneFor(facts.repo, policy);
  if (!insideWindow(policy.window, now, tz)) {
    return { merge: false, reason: `outside the merge window ${policy.window} (now ${localTime(now, tz).label})` };
  }
  return { merge: true, reason: `${policy.mode}: checks green${policy.mode === 'when-approved' ? ', approved' : ''}${policy.window ? `, inside ${policy.window} ${tz}` : ''}` };
}
