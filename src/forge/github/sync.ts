/**
 * PR tracking: for (repository, branch) pairs, the PR's state (open/draft/merged/closed), the
 * combined checks of its head commit (commit statuses + check runs) and its review decision,
 * as plain records the fleet stores with the campaign and the dashboard draws its burndown from.
 */
import type { PullRequestInfo, PullRequestState, PullRequestStatus } from '../types.js';
import { githubCall, type GithubClient } from './client.js';

export interface RepoCoordinates {
  owner: string;
  repo: string;
  /** owner/name, for messages. */
  name: string;
}

interface PullLike {
  number: number;
  html_url: string;
  state: string;
  draft?: boolean;
  merged_at: string | null;
  merged?: boolean;
  title: string;
  updated_at: string;
  head: { ref: string; sha: string };
  requested_reviewers?: unknown[] | null;
  requested_teams?: unknown[] | null;
}

export function stateOf(pr: PullLike): PullRequestState {
  if (pr.merged_at || pr.merged) return 'merged';
  if (pr.state === 'closed') return 'closed';
  return pr.draft ? 'draft' : 'open';
}

export function infoOf(pr: PullLike): PullRequestInfo {
  return { number: pr.number, url: pr.html_url, state: stateOf(pr), branch: pr.head.ref, headSha: pr.head.sha, title: pr.title };
}

/** The PR for `branch` (head in the same repository): an open one first, else the most recent. */
export async function findPullRequestFor(client: GithubClient, at: RepoCoordinates, branch: string): Promise<PullRequestInfo | undefined> {
  const pulls = await githubCall(at.name, 'pulls.list', () =>
    client.paginate(client.rest.pulls.list, { owner: at.owner, repo: at.repo, head: `${at.owner}:${branch}`, state: 'all', per_page: 100 }),
  );
  // GitHub filters by head already; keep the check so that a lax server cannot mislead us.
  const mine = pulls.filter((p) => p.head.ref === branch);
  const open = mine.find((p) => p.state === 'open');
  const latest = open ?? [...mine].sort((a, b) => b.number - a.number)[0];
  return latest ? infoOf(latest) : undefined;
}

const FAILING_CONCLUSIONS = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

/** Combines commit statuses and check runs: any failure → failure; else any pending → pending. */
export async function combinedChecks(client: GithubClient, at: RepoCoordinates, sha: string): Promise<PullRequestStatus['checks']> {
  const [status, runs] = await Promise.all([
    githubCall(at.name, 'repos.getCombinedStatusForRef', () =>
      client.rest.repos.getCombinedStatusForRef({ owner: at.owner, repo: at.repo, ref: sha, per_page: 100 }),
    ),
    githubCall(at.name, 'checks.listForRef', () =>
      client.paginate(client.rest.checks.listForRef, { owner: at.owner, repo: at.repo, ref: sha, per_page: 100 }),
    ),
  ]);
  const states: Array<'success' | 'failure' | 'pending'> = [];
  // The combined endpoint says "pending" when there are no statuses at all; look at the statuses themselves.
  for (const s of status.data.statuses) states.push(s.state === 'success' ? 'success' : s.state === 'pending' ? 'pending' : 'failure');
  for (const run of runs) {
    if (run.status !== 'completed') states.push('pending');
    else states.push(run.conclusion && FAILING_CONCLUSIONS.has(run.conclusion) ? 'failure' : 'success');
  }
  if (states.length === 0) return 'none';
  if (states.includes('failure')) return 'failure';
  if (states.includes('pending')) return 'pending';
  return 'success';
}

/** The latest decisive review per reviewer decides: any "changes requested" wins over approvals. */
export async function reviewDecision(client: GithubClient, at: RepoCoordinates, pr: PullLike): Promise<PullRequestStatus['reviewDecision']> {
  const reviews = await githubCall(at.name, 'pulls.listReviews', () =>
    client.paginate(client.rest.pulls.listReviews, { owner: at.owner, repo: at.repo, pull_number: pr.number, per_page: 100 }),
  );
  const latest = new Map<string, string>();
  for (const r of reviews) {
    const who = r.user?.login ?? `#${r.id}`;
    if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED') latest.set(who, r.state);
  }
  const decisions = [...latest.values()];
  if (decisions.includes('CHANGES_REQUESTED')) return 'changes-requested';
  if (decisions.includes('APPROVED')) return 'approved';
  if ((pr.requested_reviewers?.length ?? 0) + (pr.requested_teams?.length ?? 0) > 0) return 'review-required';
  return 'none';
}

export async function pullRequestStatus(client: GithubClient, at: RepoCoordinates, number: number): Promise<PullRequestStatus> {
  const { data: pr } = await githubCall(at.name, 'pulls.get', () => client.rest.pulls.get({ owner: at.owner, repo: at.repo, pull_number: number }));
  const [checks, decision] = await Promise.all([combinedChecks(client, at, pr.head.sha), reviewDecision(client, at, pr)]);
  return { ...infoOf(pr), checks, reviewDecision: decision, updatedAt: pr.updated_at };
}

/** What the fleet stores per repository of a campaign. */
export interface PullRequestSyncRecord {
  /** owner/name */
  repo: string;
  branch: string;
  found: boolean;
  number?: number;
  url?: string;
  state?: PullRequestState;
  checks?: PullRequestStatus['checks'];
  reviewDecision?: PullRequestStatus['reviewDecision'];
  headSha?: string;
  title?: string;
  updatedAt?: string;
  syncedAt: string;
  /** Set when this repository could not be synced (the others still are). */
  error?: { code: string; message: string };
}

export interface SyncTarget {
  /** owner/name */
  repo: string;
  branch: string;
}

function coordinates(name: string): RepoCoordinates {
  const [owner = '', repo = ''] = name.split('/');
  return { owner, repo, name };
}

/** Syncs every pair, a few at a time; a failure is recorded on its pair and does not stop the rest. */
export async function syncPullRequests(client: GithubClient, targets: SyncTarget[], concurrency = 4): Promise<PullRequestSyncRecord[]> {
  const out: PullRequestSyncRecord[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const i = next++;
      const t = targets[i]!;
      const syncedAt = new Date().toISOString();
      try {
        const at = coordinates(t.repo);
        const found = await findPullRequestFor(client, at, t.branch);
        if (!found) {
          out[i] = { repo: t.repo, branch: t.branch, found: false, syncedAt };
          continue;
        }
        const s = await pullRequestStatus(client, at, found.number);
        out[i] = {
          repo: t.repo,
          branch: t.branch,
          found: true,
          number: s.number,
          url: s.url,
          state: s.state,
          checks: s.checks,
          reviewDecision: s.reviewDecision,
          ...(s.headSha !== undefined ? { headSha: s.headSha } : {}),
          title: s.title,
          updatedAt: s.updatedAt,
          syncedAt,
        };
      } catch (error) {
        const e = error as { code?: string; message?: string };
        out[i] = { repo: t.repo, branch: t.branch, found: false, syncedAt, error: { code: e.code ?? 'internal', message: e.message ?? String(error) } };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return out;
}
