/**
 * Who looks at a new PR: review requests for the CODEOWNERS of the changed files (read from
 * the base branch, GitHub's lookup order) plus the policy's reviewers and teams, the policy's
 * labels and assignees. The PR's author (godwit's account) is never asked. A reviewer GitHub
 * refuses (not a collaborator) does not fail the publish: it is reported in the result.
 */
import type { PullRequestPolicy } from '../../config/github-policy.js';
import { githubCall, type GithubClient } from './client.js';
import { CODEOWNERS_PATHS, parseCodeowners, reviewRequestFor } from './codeowners.js';
import type { RepoCoordinates } from './sync.js';

export interface ReviewersResult {
  users: string[];
  teams: string[];
  codeownersFile?: string;
  /** Owners or reviewers that could not be requested, with why. */
  problems: string[];
}

/** The first CODEOWNERS file GitHub would use on `ref`, or undefined. */
export async function readCodeowners(client: GithubClient, at: RepoCoordinates, ref: string): Promise<{ path: string; text: string } | undefined> {
  for (const path of CODEOWNERS_PATHS) {
    try {
      const { data } = await client.rest.repos.getContent({ owner: at.owner, repo: at.repo, path, ref });
      if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
        return { path, text: Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8') };
      }
    } catch (error) {
      if ((error as { status?: number }).status === 404) continue;
      throw error;
    }
  }
  return undefined;
}

export async function changedFilesOf(client: GithubClient, at: RepoCoordinates, number: number): Promise<string[]> {
  const files = await githubCall(at.name, 'pulls.listFiles', () =>
    client.paginate(client.rest.pulls.listFiles, { owner: at.owner, repo: at.repo, pull_number: number, per_page: 100 }),
  );
  return files.map((f) => f.filename);
}

export async function requestReviewers(
  client: GithubClient,
  at: RepoCoordinates,
  pr: { number: number; author: string; base: string },
  policy: Pick<PullRequestPolicy, 'codeowners' | 'reviewers' | 'teamReviewers' | 'assignees'>,
): Promise<ReviewersResult> {
  const users = new Set(policy.reviewers);
  const teams = new Set(policy.teamReviewers);
  const problems: string[] = [];
  let codeownersFile: string | undefined;
  if (policy.codeowners) {
    const file = await githubCall(at.name, 'repos.getContent CODEOWNERS', () => readCodeowners(client, at, pr.base));
    if (file) {
      codeownersFile = file.path;
      const parsed = parseCodeowners(file.text);
      for (const e of parsed.errors) problems.push(`${file.path}:${e.line}: ${e.reason}`);
      const request = reviewRequestFor(parsed, await changedFilesOf(client, at, pr.number), at.owner);
      request.users.forEach((u) => users.add(u));
      request.teams.forEach((t) => teams.add(t));
      for (const s of request.skipped) problems.push(`${s} cannot be requested through the API`);
    }
  }
  const author = pr.author.toLowerCase();
  const reviewers = [...users].filter((u) => u.toLowerCase() !== author && u.toLowerCase() !== author.replace(/\[bot\]$/, ''));
  const teamReviewers = [...teams];
  if (reviewers.length + teamReviewers.length > 0) {
    try {
      await githubCall(at.name, 'pulls.requestReviewers', () =>
        client.rest.pulls.requestReviewers({ owner: at.owner, repo: at.repo, pull_number: pr.number, reviewers, team_reviewers: teamReviewers }),
      );
    } catch (error) {
      problems.push(`review request refused: ${(error as Error).message}`);
    }
  }
  if (policy.assignees.length > 0) {
    await githubCall(at.name, 'issues.addAssignees', () =>
      client.rest.issues.addAssignees({ owner: at.owner, repo: at.repo, issue_number: pr.number, assignees: policy.assignees }),
    );
  }
  return { users: reviewers, teams: teamReviewers, ...(codeownersFile ? { codeownersFile } : {}), problems };
}
