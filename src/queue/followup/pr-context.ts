/** Everything a follow-up handler knows about one PR: coordinates, client, PR data, campaign link, policy. */
import { effectivePolicy, type CiPolicy, type PullRequestPolicy } from '../../config/github-policy.js';
import type { GithubClient } from '../../forge/github/client.js';
import { githubCall } from '../../forge/github/client.js';
import type { RepoCoordinates } from '../../forge/github/sync.js';
import type { CampaignLink, FollowUpDeps } from './types.js';

export interface PrData {
  number: number;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  title: string;
  author: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  mergeableState: string | undefined;
}

export interface PrContext {
  at: RepoCoordinates;
  client: GithubClient;
  pr: PrData;
  link: CampaignLink | undefined;
  policy: { pullRequests: PullRequestPolicy; ci: CiPolicy };
  /** The migration id (from the campaign, else from the godwit/<id> branch). */
  migrationId: string;
  /** The repository reference to run the pipeline on. */
  repoRef: string;
}

export function coordinates(repo: string): RepoCoordinates {
  const [owner = '', name = ''] = repo.split('/');
  return { owner, repo: name, name: repo };
}

export async function fetchPr(client: GithubClient, at: RepoCoordinates, number: number): Promise<PrData> {
  const { data } = await githubCall(at.name, 'pulls.get', () => client.rest.pulls.get({ owner: at.owner, repo: at.repo, pull_number: number }));
  return {
    number: data.number,
    url: data.html_url,
    state: data.state === 'open' ? 'open' : 'closed',
    merged: data.merged || data.merged_at !== null,
    draft: data.draft ?? false,
    title: data.title,
    author: data.user.login,
    headRef: data.head.ref,
    headSha: data.head.sha,
    baseRef: data.base.ref,
    baseSha: data.base.sha,
    mergeableState: data.mergeable_state ?? undefined,
  };
}

/** Undefined when the PR is not godwit's (its branch is not godwit/<migration>). */
export async function prContext(deps: FollowUpDeps, repo: string, number: number): Promise<PrContext | undefined> {
  const at = coordinates(repo);
  const { client } = await deps.forge.forRepo(at);
  const pr = await fetchPr(client, at, number);
  const prefix = 'godwit/';
  if (!pr.headRef.startsWith(prefix)) return undefined;
  const link = await deps.store.locate(repo, pr.headRef);
  return {
    at,
    client,
    pr,
    link,
    policy: effectivePolicy(deps.config, link?.policy),
    migrationId: link?.migration ?? pr.headRef.slice(prefix.length),
    repoRef: link?.repoRef ?? repo,
  };
}
