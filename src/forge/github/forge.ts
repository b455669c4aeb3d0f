/**
 * GithubForge: the Forge contract over GitHub (and GitHub Enterprise) through Octokit.
 * Publishing is idempotent — re-runs update the one PR per branch instead of opening another,
 * a human's commit on the branch stops godwit, merged PRs are reported and never recreated,
 * and a PR closed without merging stays closed unless the caller asks to reopen it.
 */
import type { GodwitConfig } from '../../config/schema.js';
import { GodwitError } from '../../errors.js';
import type { PullRequestRecord } from '../../report/run-report.js';
import type { Forge, GitAuth, PublishRequest, PullRequestInfo, PullRequestStatus, RepoInfo, RepoRef } from '../types.js';
import { createGithubClient, githubCall, requireToken, type GithubClient, type GithubClientOptions } from './client.js';
import { githubGitAuth } from './git-auth.js';
import { pushGodwitBranch } from './push.js';
import { findPullRequestFor, pullRequestStatus, type RepoCoordinates } from './sync.js';

export interface GithubForgeOptions {
  client?: GithubClient;
  clientOptions?: GithubClientOptions;
}

function coordinatesOf(ref: Pick<RepoRef, 'owner' | 'repo' | 'name' | 'input'>): RepoCoordinates {
  if (!ref.owner || !ref.repo) {
    throw new GodwitError('repo-invalid', `"${ref.input}" is not a GitHub repository reference`, 'Use owner/name or https://github.com/owner/name.');
  }
  return { owner: ref.owner, repo: ref.repo, name: `${ref.owner}/${ref.repo}` };
}

export class GithubForge implements Forge {
  readonly kind = 'github' as const;
  private readonly github: GodwitConfig['github'];
  private readonly options: GithubForgeOptions;
  private clientInstance: GithubClient | undefined;

  constructor(config: Pick<GodwitConfig, 'github'>, options: GithubForgeOptions = {}) {
    this.github = config.github;
    this.options = options;
    this.clientInstance = options.client;
  }

  /** Created on first use so that constructing the forge never needs a token (e.g. --dry-run listing). */
  get client(): GithubClient {
    this.clientInstance ??= createGithubClient(this.github, this.options.clientOptions);
    return this.clientInstance;
  }

  async resolveRepo(ref: RepoRef): Promise<RepoInfo> {
    const at = coordinatesOf(ref);
    const { data } = await githubCall(at.name, 'repos.get', () => this.client.rest.repos.get({ owner: at.owner, repo: at.repo }), {
      notFound: 'repo',
    });
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
    return githubGitAuth(repo.cloneUrl, this.github.token?.trim() || undefined);
  }

  async pushBranch(req: PublishRequest): Promise<{ pushed: boolean; reason?: 'edited-by-human' | 'unchanged' }> {
    const result = await this.push(req);
    return result.reason ? { pushed: result.pushed, reason: result.reason } : { pushed: result.pushed };
  }

  private push(req: PublishRequest) {
    const token = requireToken(this.github);
    return pushGodwitBranch({
      workspaceDir: req.workspaceDir,
      remoteUrl: req.repo.cloneUrl,
      branch: req.branch,
      base: req.base,
      auth: this.gitAuth(req.repo),
      token,
      repoName: req.repo.name,
    });
  }

  findPullRequest(repo: RepoInfo, branch: string): Promise<PullRequestInfo | undefined> {
    return findPullRequestFor(this.client, coordinatesOf(repo), branch);
  }

  getPullRequestState(repo: RepoInfo, number: number): Promise<PullRequestStatus> {
    return pullRequestStatus(this.client, coordinatesOf(repo), number);
  }

  async openOrUpdatePullRequest(req: PublishRequest): Promise<PullRequestRecord> {
    const at = coordinatesOf(req.repo);
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
        this.client.rest.pulls.create({
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
      if (req.labels.length > 0) {
        await githubCall(at.name, 'issues.addLabels', () =>
          this.client.rest.issues.addLabels({ owner: at.owner, repo: at.repo, issue_number: pr.number, labels: req.labels }),
        );
      }
      return record('created', { number: pr.number, url: pr.html_url, state: pr.draft ? 'draft' : 'open', branch: req.branch, title: pr.title }, pushed.commit);
    }

    const reopening = existing.state === 'closed';
    const { data: pr } = await githubCall(at.name, 'pulls.update', () =>
      this.client.rest.pulls.update({
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
