/**
 * One follow-up trigger (a webhook event or a poll) on one PR: load the PR and its campaign
 * link, then do what the trigger calls for — commands for comments; the CI feedback loop for
 * finished checks; rebase for pushes and base moves; merge whenever something could have made
 * the PR mergeable. PRs whose branch is not godwit's are ignored.
 */
import type { FollowUpTrigger } from '../../forge/github/webhook-events.js';
import type { MergeState } from '../../report/run-report.js';
import { ciFeedback, type CiFeedbackResult } from './ci-feedback.js';
import { handleComment, type CommandResult } from './commands.js';
import { maybeMerge } from './merge.js';
import { prContext } from './pr-context.js';
import { maybeRebase, type RebaseResult } from './rebase.js';
import type { FollowUpDeps } from './types.js';

export interface FollowUpOutcome {
  repo: string;
  number: number;
  ignored?: string;
  command?: CommandResult['record'];
  ci?: Omit<CiFeedbackResult, 'report'>;
  rebase?: Omit<RebaseResult, 'report'>;
  merge?: MergeState;
}

export async function handleTrigger(deps: FollowUpDeps, trigger: FollowUpTrigger): Promise<FollowUpOutcome> {
  const out: FollowUpOutcome = { repo: trigger.repo, number: trigger.number };
  let c = await prContext(deps, trigger.repo, trigger.number);
  if (!c) return { ...out, ignored: 'not a godwit PR' };
  const refresh = async (): Promise<void> => {
    c = (await prContext(deps, trigger.repo, trigger.number)) ?? c;
  };

  if (trigger.kind === 'comment') {
    const result = await handleComment(deps, c, trigger);
    if (!result) return { ...out, ignored: 'no command for godwit' };
    return { ...out, command: result.record };
  }
  if (trigger.kind === 'pull' && trigger.action === 'closed') {
    if (c.pr.merged) out.merge = await maybeMerge(deps, c);
    return out;
  }
  if (trigger.kind === 'checks' || trigger.kind === 'poll') {
    const { report: _r, ...ci } = await ciFeedback(deps, c);
    out.ci = ci;
    if (ci.action === 'round') return out; // a new head: its CI has to run first
  }
  if (trigger.kind === 'pull' || trigger.kind === 'poll' || trigger.kind === 'checks') {
    const { report: _r, ...rebase } = await maybeRebase(deps, c);
    out.rebase = rebase;
    if (rebase.action === 'rebased') return out;
  }
  await refresh();
  out.merge = await maybeMerge(deps, c);
  return out;
}
