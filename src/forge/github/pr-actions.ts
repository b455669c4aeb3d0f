/**
 * The small GitHub calls godwit's follow-up work is made of: comment, react, read a
 * commenter's permission, label, close, delete the branch, list the PR's commit authors,
 * read the base branch's required checks, merge (pinned to the head sha it judged).
 */
import { GODWIT_AUTHOR } from '../types.js';
import { githubCall, type GithubClient } from './client.js';
import type { RepoCoordinates } from './sync.js';

export type Reaction = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export async function comment(client: GithubClient, at: RepoCoordinates, number: number, body: string): Promise<void> {
  await githubCall(at.name, 'issues.createComment', () => client.rest.issues.createComment({ owner: at.owner, repo: at.repo, issue_number: number, body }));
}

export async function react(client: GithubClient, at: RepoCoordinates, commentId: number, content: Reaction): Promise<void> {
  await githubCall(at.name, 'reactions.createForIssueComment', () =>
    client.rest.reactions.createForIssueComment({ owner: at.owner, repo: at.repo, comment_id: commentId, content }),
  );
}

/** True when `login` may push to the repository (write, maintain or admin). */
export async function canWrite(client: GithubClient, at: RepoCoordinates, login: string): Promise<boolean> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ owner: at.owner, repo: at.repo, username: login });
    return data.permission === 'admin' || data.permission === 'write' || data.permission === 'maintain' || data.user?.permissions?.push === true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

export async function addLabels(client: GithubClient, at: RepoCoordinates, number: number, labels: string[]): Promise<void> {
  await githubCall(at.name, 'issues.addLabels', () => client.rest.issues.addLabels({ owner: at.owner, repo: at.repo, issue_number: number, labels }));
}

export async function closePull(client: GithubClient, at: RepoCoordinates, number: number): Promise<void> {
  await githubCall(at.name, 'pulls.update', () => client.rest.pulls.update({ owner: at.owner, repo: at.repo, pull_number: number, state: 'closed' }));
}

export async function deleteBranch(client: GithubClient, at: RepoCoordinates, branch: string): Promise<void> {
  await githubCall(at.name, 'git.deleteRef', () => client.rest.git.deleteRef({ owner: at.owner, repo: at.repo, ref: `heads/${branch}` }));
}

/** Commits on the PR not authored by godwit, as "sha author <email>". */
export async function humanCommits(client: GithubClient, at: RepoCoordinates, number: number): Promise<string[]> {
  const commits = await githubCall(at.name, 'pulls.listCommits', () =>
    client.paginate(client.rest.pulls.listCommits, { owner: at.owner, repo: at.repo, pull_number: number, per_page: 100 }),
  );
  return commits
    .filter((c) => (c.commit.author?.email ?? '').toLowerCase() !== GODWIT_AUTHOR.email)
    .map((c) => `${c.sha.slice(0, 12)} ${c.commit.author?.name ?? '?'} <${c.commit.author?.email ?? '?'}>`);
}

/**
 * Required status checks of `branch` (branch protection), or undefined when the branch is not
 * protected or the token may not read protection — then every check counts as required.
 */
export async function requiredChecks(client: GithubClient, at: RepoCoordinates, branch: string): Promise<string[] | undefined> {
  try {
    const { data } = await client.rest.repos.getStatusChecksProtection({ owner: at.owner, repo: at.repo, branch });
    return [...new Set([...(data.contexts ?? []), ...(data.checks ?? []).map((c) => c.context)])];
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}

export async function mergePull(
  client: GithubClient,
  at: RepoCoordinates,
  number: number,
  sha: string,
  method: 'merge' | 'squash' | 'rebase',
): Promise<{ merged: boolean; sha: string }> {
  const { data } = await githubCall(at.name, 'pulls.merge', () =>
    client.rest.pulls.merge({ owner: at.owner, repo: at.repo, pull_number: number, sha, merge_method: method }),
  );
  return { merged: data.merged, sha: data.sha };
}
