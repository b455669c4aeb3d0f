/**
 * GithubForge: the Forge contract over GitHub (and GitHub Enterprise) through Octokit.
 * Publishing is idempotent — re-runs update the one PR per branch instead of opening another,
 * a human's commit on the branch stops godwit, merged PRs are reported and never recreated,
 * and a PR closed without merging stays closed unless the caller asks to reopen it.
 */
import { PULL_REQUEST_POLICY_DEFAULTS, type PullRequestPolicy } from '../../config/github-policy.js';
import type { GodwitConfig } from '../../config/schema.js';
import { GodwitError } from '../../errors.js';
import type { PullRequestRecord } from '../../report/run-report.js';
import type { Forge, GitAuth, PublishRequest, PullRequestInfo, PullRequestStatus, RepoInfo, RepoRef } from '../types.js';
import { GithubAppAuth, isAppConfigured, type RepoClient } from './app-auth.js';
import { createGithubClient, githubCall, requireToken, type GithubClient, type GithubClientOptions } from './client.js';
import { githubGitAuth } from './git-auth.js';
import { requestReviewers, type ReviewersResult } from './reviewers.js';
import { pushGodwitBranch } from './push.js';
import { findPullRequestFor, pullRequestStatus, type RepoCoordinates } from './sync.js';

export interface GithubForgeOptions {
  client?: GithubClient;
  clientOptions?: GithubClientOptions;
  /** Called with what happened to review requests of a new PR (problems included). */
  onReviewers?: (repo: string, result: ReviewersResult) => void;
}

export function coordinatesOf(ref: Pick<RepoRef, 'owner' | 'repo' | 'name' | 'input'>): RepoCoordinates {
  if (!ref.owner || !ref.repo) {
    throw new GodwitError('repo-invalid', `"${ref.input}" is not a GitHub repository reference`, 'Use owner/name or https://github.com/owner/name.');
  }
  return { owner: ref.owner, repo: ref.repo, name: `${ref.owner}/${ref.repo}` };
}

export class GithubForge implements Forge {
  readonly kind = 'github' as const;
  private readonly github: GodwitConfig['github'];
  readonly policy: PullRequestPolicy;
  private readonly options: GithubForgeOptions;
  private clientInstance: GithubClient | undefined;
  private readonly app: GithubAppAuth | undefined;
  /** App mode: installation tokens per repository (owner/name), for git; in memory only. */
  private readonly gitTokens = new Map<string, string>();

  constructor(config: Pick<GodwitConfig, 'github'> & { pullRequests?: PullRequestPolicy }, options: GithubForgeOptions = {}) {
    this.github = config.github;
    this.policy = config.pullRequests ?? PULL_REQUEST_POLICY_DEFAULTS;
    this.options = options;
    this.clientInstance = options.client;
    const github = config.github;
    this.app = isAppConfigured(github) ? new GithubAppAuth(github, options.clientOptions) : undefined;
  }

  /** Created on first use so that constructing the forge never needs a token (e.g. --dry-run listing). */
  get client(): GithubClient {
    this.clientInstance ??= createGithubClient(this.github, this.options.clientOptions);
    return this.clientInstance;
  }

  /** The client (and git token) for one repository: the App installation's, or the token's. */
  async forRepo(at: Pick<RepoCoordinates, 'owner' | 'repo'>): Promise<RepoClient> {
    if (this.app) return this.app.forRepo(at.owner, at.repo);
    return { client: this.client, token: () => Promise.resolve(requireToken(this.github)) };
  }

  private async clientOf(at: RepoCoordinates): Promise<GithubClient> {
    return this.options.client ?? (await this.forRepo(at)).client;
  }

  async resolveRepo(ref: RepoRef): Promise<RepoInfo> {
    const at = coordinatesOf(ref);
    const client = await this.clientOf(at);
    const { data } = await githubCall(at.name, 'repos.get', () => client.rest.repos.get({ owner: at.owner, repo: at.repo }), {
      notFound: 'repo',
    });
    // App mode: mint the installation token now, so that clone and push (synchronous auth) can use it.
    if (this.app) this.gitTokens.set(data.full_name.toLowerCase(), await (await this.forRepo(at)).token());
    return {
      ...ref,
      // GitHub answers with the canonical name after renames and transfers.
      owner: data.owner.login,
      repo: data.name,
      name: data.full_name,
      defaultBranch: data.default_branch,
      archived: data.archived,
      fork: data.fork,
      cloneUrl: data.clone_url,
    };
  }

  gitAuth(repo: RepoInfo): GitAuth {
    return githubGitAuth(repo.cloneUrl, this.gitToken(repo));
  }

  private gitToken(repo: Pick<RepoInfo, 'name'>): string | undefined {
    if (this.app) return this.gitTokens.get(repo.name.toLowerCase());
    return this.github.token?.trim() || undefined;
  }

  async pushBranch(req: PublishRequest): Promise<{ pushed: boolean; reason?: 'edited-by-human' | 'unchanged' }> {
    const result = await this.push(req);
    return result.reason ? { pushed: result.pushed, reason: result.reason } : { pushed: result.pushed };
  }

  private push(req: PublishRequest) {
    const token = this.gitToken(req.repo) ?? requireToken(this.github);
    return pushGodwitBranch({
      workspaceDir: req.workspaceDir,
      remoteUrl: req.repo.cloneUrl,
      branch: req.branch,
      base: req.base,
      auth: this.gitAuth(req.repo),
      token,
      repoName: req.repo.name,
      ...(req.commit ? { commit: req.commit } : {}),
    });
  }

  async findPullRequest(repo: RepoInfo, branch: string): Promise<PullRequestInfo | undefined> {
    const at = coordinatesOf(repo);
    return findPullRequestFor(await this.clientOf(at), at, branch);
  }

  async getPullRequestState(repo: RepoInfo, number: number): Promise<PullRequestStatus> {
    const at = coordinatesOf(repo);
    return pullRequestStatus(await this.clientOf(at), at, number);
  }

  async openOrUpdatePullRequest(req: PublishRequest): Promise<PullRequestRecord> {
    const at = coordinatesOf(req.repo);
    const client = await this.clientOf(at);
    const existing = await this.findPullRequest(req.repo, req.branch);
    const record = (action: PullRequestRecord['action'], pr: PullRequestInfo | undefined, commit?: string): PullRequestRecord => ({
      action,
      branch: req.branch,
      ...(pr ? { url: pr.url, number: pr.number, state: pr.state } : {}),
      ...(commit ? { commit } : {}),
    });

    if (existing?.state === 'merged') return record('already-merged', existing, existing.headSha);
    if (req.repo.archived) {
      throw new GodwitError(
        'forge-failed',
        `${req.repo.name} is archived on GitHub: it accepts no pushes or pull requests`,
        'Unarchive the repository, or leave it out of the campaign (archived repositories are skipped by discovery).',
      );
    }
    if (existing?.state === 'closed' && !req.reopen) return record('closed', existing, existing.headSha);

    const pushed = await this.push(req);
    if (pushed.reason === 'edited-by-human') return record('edited-by-human', existing, pushed.commit);

    if (!existing) {
      const { data: pr } = await githubCall(at.name, 'pulls.create', () =>
        client.rest.pulls.create({
          owner: at.owner,
          repo: at.repo,
          head: req.branch,
          base: req.base,
          title: req.title,
          body: req.body,
          draft: req.draft,
          maintainer_can_modify: true,
        }),
      );
      const labels = [...new Set([...req.labels, ...this.policy.labels])];
      if (labels.length > 0) {
        await githubCall(at.name, 'issues.addLabels', () =>
          client.rest.issues.addLabels({ owner: at.owner, repo: at.repo, issue_number: pr.number, labels }),
        );
      }
      // Only when the PR is new: a reviewer a human removed later is not asked again on updates.
      const reviewers = await requestReviewers(client, at, { number: pr.number, author: pr.user.login, base: req.base }, this.policy);
      this.options.onReviewers?.(at.name, reviewers);
      return record('created', { number: pr.number, url: pr.html_url, state: pr.draft ? 'draft' : 'open', branch: req.branch, title: pr.title }, pushed.commit);
    }

    const reopening = existing.state === 'closed';
    const { data: pr } = await githubCall(at.name, 'pulls.update', () =>
      client.rest.pulls.update({
        owner: at.owner,
        repo: at.repo,
        pull_number: existing.number,
        title: req.title,
        body: req.body,
        ...(reopening ? { state: 'open' as const } : {}),
      }),
    );
    const state = pr.draft ? 'draft' : pr.state === 'open' ? 'open' : 'closed';
    return record(reopening ? 'reopened' : 'updated', { ...existing, state }, pushed.commit);
  }
}
