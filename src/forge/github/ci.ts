/**
 * CI state of a PR for the feedback loop: the check runs of its head commit, which failed,
 * whether each failure is godwit's (the base commit's same check was green, or the check is
 * new), and the failing jobs' logs — GitHub Actions jobs through the Actions API (the check
 * run id is the job id; details_url names it), any other check through its own output.
 */
import { githubCall, type GithubClient } from './client.js';
import { trimFailureLog } from './ci-log.js';
import type { RepoCoordinates } from './sync.js';

const FAILING = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

export interface CheckSummary {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  /** The Actions job id when the check is a GitHub Actions job. */
  actionsJobId?: number;
  output: { title: string | null; summary: string | null; text: string | null };
}

export interface CiState {
  /** Over all check runs of the head commit. */
  state: 'success' | 'failure' | 'pending' | 'none';
  failing: CheckSummary[];
  /** Failing checks that were green (or absent) on the base commit: godwit's to fix. */
  caused: CheckSummary[];
  pending: CheckSummary[];
}

function actionsJobId(detailsUrl: string | null | undefined): number | undefined {
  const m = /\/actions\/runs\/\d+\/job\/(\d+)/.exec(detailsUrl ?? '');
  return m ? Number(m[1]) : undefined;
}

export async function checkRunsOf(client: GithubClient, at: RepoCoordinates, sha: string): Promise<CheckSummary[]> {
  const runs = await githubCall(at.name, 'checks.listForRef', () =>
    client.paginate(client.rest.checks.listForRef, { owner: at.owner, repo: at.repo, ref: sha, per_page: 100 }),
  );
  // Re-runs leave several runs per name: the latest counts.
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) {
    const seen = latest.get(r.name);
    if (!seen || r.id > seen.id) latest.set(r.name, r);
  }
  return [...latest.values()].map((r) => {
    const job = actionsJobId(r.details_url);
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      conclusion: r.conclusion,
      ...(job !== undefined ? { actionsJobId: job } : {}),
      output: { title: r.output.title ?? null, summary: r.output.summary ?? null, text: r.output.text ?? null },
    };
  });
}

export function isFailing(c: Pick<CheckSummary, 'status' | 'conclusion'>): boolean {
  return c.status === 'completed' && c.conclusion !== null && FAILING.has(c.conclusion);
}

export async function ciState(client: GithubClient, at: RepoCoordinates, headSha: string, baseSha: string | undefined): Promise<CiState> {
  const head = await checkRunsOf(client, at, headSha);
  const failing = head.filter(isFailing);
  const pending = head.filter((c) => c.status !== 'completed');
  let caused = failing;
  if (failing.length > 0 && baseSha) {
    const base = new Map((await checkRunsOf(client, at, baseSha)).map((c) => [c.name, c]));
    // Red on the base too: not godwit's doing, nothing to fix on the PR.
    caused = failing.filter((c) => {
      const before = base.get(c.name);
      return !before || !isFailing(before);
    });
  }
  const state = head.length === 0 ? 'none' : failing.length ? 'failure' : pending.length ? 'pending' : 'success';
  return { state, failing, caused, pending };
}

/** The failing part of one check's log (Actions job log, else the check run's output). */
export async function failureText(client: GithubClient, at: RepoCoordinates, check: CheckSummary, maxChars: number): Promise<string> {
  if (check.actionsJobId !== undefined) {
    try {
      const { data } = await client.rest.actions.downloadJobLogsForWorkflowRun({ owner: at.owner, repo: at.repo, job_id: check.actionsJobId });
      const text = typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8');
      return trimFailureLog(text, maxChars);
    } catch {
      // Logs expire or need actions:read; the check run's own output is the fallback.
    }
  }
  const o = check.output;
  const text = [o.title, o.summary, o.text].filter(Boolean).join('\n\n');
  return text ? trimFailureLog(text, maxChars) : `(no log available for "${check.name}": ${check.conclusion})`;
}

/** One text for the agent: every caused failure, by check name, within `maxChars` overall. */
export async function ciFailureReport(client: GithubClient, at: RepoCoordinates, checks: CheckSummary[], maxChars: number): Promise<string> {
  const per = Math.max(1000, Math.floor(maxChars / Math.max(1, checks.length)));
  const parts: string[] = [];
  for (const c of checks) parts.push(`## CI check "${c.name}" — ${c.conclusion}\n\n${await failureText(client, at, c, per)}`);
  return parts.join('\n\n').slice(0, maxChars);
}
