/**
 * The CI feedback loop: when a godwit PR's checks finish red and the failure is godwit's (the
 * base's same check was green, or the check is new), fetch the failing jobs' logs, trim them,
 * and run one agent round on the PR branch with that failure (branch-round.ts: same gate and
 * guards), which pushes when verified. One round per red head commit; after `ci.maxRounds`
 * rounds — or at once without an LLM — the PR is labelled and handed to humans with the last
 * failure in a comment.
 */
import { isLlmConfigured } from '../../agent/index.js';
import { ciFailureReport, ciState } from '../../forge/github/ci.js';
import { addLabels, comment, humanCommits } from '../../forge/github/pr-actions.js';
import type { CiRound } from '../../report/run-report.js';
import type { RunReport } from '../../report/run-report.js';
import type { PrContext } from './pr-context.js';
import type { FollowUpDeps } from './types.js';

export interface CiFeedbackResult {
  action: 'none' | 'round' | 'needs-human' | 'reported';
  reason: string;
  round?: CiRound;
  report?: RunReport;
}

function fence(text: string): string {
  return `\`\`\`text\n${text.replace(/```/g, "'''")}\n\`\`\``;
}

export async function ciFeedback(deps: FollowUpDeps, c: PrContext): Promise<CiFeedbackResult> {
  const { at, client, pr } = c;
  if (pr.state !== 'open') return { action: 'none', reason: 'the PR is not open' };
  const ci = await ciState(client, at, pr.headSha, pr.baseSha);
  if (ci.state !== 'failure') return { action: 'none', reason: `checks are ${ci.state}` };
  if (ci.caused.length === 0) return { action: 'none', reason: `failing checks (${ci.failing.map((f) => f.name).join(', ')}) fail on the base too` };
  const record = await deps.store.get(at.name, pr.number);
  if (record.handledShas.includes(pr.headSha)) return { action: 'none', reason: `the red checks of ${pr.headSha.slice(0, 12)} were handled already` };

  const failure = await ciFailureReport(client, at, ci.caused, c.policy.ci.maxLogChars);
  const names = ci.caused.map((f) => f.name);
  const rounds = record.ciRounds.slice(record.ciBudgetFrom).filter((r) => r.outcome === 'pushed' || r.outcome === 'not-verified' || r.outcome === 'no-fix' || r.outcome === 'error').length;
  const now = deps.now().toISOString();
  const base = { round: record.ciRounds.length + 1, at: now, headSha: pr.headSha, checks: names, failure: failure.slice(0, 2000) };

  const humans = await humanCommits(client, at, pr.number);
  const noLlm = !isLlmConfigured(deps.config);
  const exhausted = rounds >= c.policy.ci.maxRounds;
  if (noLlm || exhausted || humans.length > 0) {
    const why = humans.length
      ? `a human pushed to the branch (${humans[0]}), so godwit does not push fixes`
      : noLlm
        ? 'no LLM is configured, so godwit only reports'
        : `godwit tried ${rounds} round(s) (ci.maxRounds = ${c.policy.ci.maxRounds})`;
    const round: CiRound = { ...base, outcome: noLlm && !humans.length ? 'reported' : 'needs-human', reason: why };
    await addLabels(client, at, pr.number, [c.policy.pullRequests.needsHumanLabel]);
    await comment(
      client,
      at,
      pr.number,
      `**godwit: this PR needs a human.** CI is red (${names.map((n) => `\`${n}\``).join(', ')}) and ${why}.\n\n` +
        `Last failure:\n\n${fence(failure.slice(0, 6000))}\n\nComment \`@${c.policy.pullRequests.botName} retry\` to give godwit another go, or push a fix yourself.`,
    );
    await deps.store.update(at.name, pr.number, (r) => {
      r.ciRounds.push(round);
      r.handledShas.push(pr.headSha);
      r.needsHuman = true;
    });
    return { action: round.outcome === 'reported' ? 'reported' : 'needs-human', reason: why, round };
  }

  // Claim the head first: a redelivered or concurrent event for the same red head does nothing.
  await deps.store.update(at.name, pr.number, (r) => {
    r.handledShas.push(pr.headSha);
  });
  const migration = await deps.loadMigration(c.migrationId);
  const task =
    `The pull request's CI failed after the migration (round ${base.round} of at most ${c.policy.ci.maxRounds}). ` +
    `Fix the cause in the code — do not skip, delete or weaken tests or checks.\n\n${failure}`;
  let report: RunReport;
  let round: CiRound;
  try {
    report = await deps.runBranchRound({ migration, repo: c.repoRef, config: deps.config, forge: deps.forge, install: true, task });
    // The branch round publishes only what its gate let through (verified, or unverified where allowed).
    const pushed = (report.status === 'verified' || report.status === 'unverified') && report.pr !== undefined && ['updated', 'pushed', 'reopened'].includes(report.pr.action);
    round = {
      ...base,
      outcome: pushed ? 'pushed' : report.status === 'failed' && /made no change/.test(report.reason) ? 'no-fix' : report.status === 'error' ? 'error' : 'not-verified',
      reason: report.reason,
      ...(pushed && report.pr?.commit ? { commit: report.pr.commit } : {}),
    };
  } catch (error) {
    round = { ...base, outcome: 'error', reason: (error as Error).message };
    report = undefined as unknown as RunReport;
  }
  const updated = await deps.store.update(at.name, pr.number, (r) => {
    r.ciRounds.push(round);
  });
  if (report) report.ciRounds = updated.ciRounds;
  if (round.outcome !== 'pushed') {
    await comment(client, at, pr.number, `godwit tried to fix the red CI (${names.join(', ')}), round ${round.round}: ${round.outcome} — ${round.reason.slice(0, 500)}`);
  }
  if (report && c.link) await deps.store.recordRun(c.link, report);
  return { action: 'round', reason: round.reason, round, ...(report ? { report } : {}) };
}
