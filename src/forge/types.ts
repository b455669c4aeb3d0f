/**
 * The Forge contract (DESIGN.md "Forge"): where repositories come from and where their
 * branches and pull requests go. `local` serves paths and file:// URLs; `github` serves
 * owner/name and GitHub (Enterprise) URLs through Octokit.
 */
import type { PullRequestRecord } from '../report/run-report.js';

export type ForgeKind = 'local' | 'github';

/** A repository reference as parsed from user input (see repo-ref.ts). */
export interface RepoRef {
  /** What the user wrote, with any credentials removed. */
  input: string;
  forge: ForgeKind;
  /** Display name: `owner/name` on GitHub, the folder name for local repositories. */
  name: string;
  /** local: absolute path of the repository; github: https clone URL (without credentials). */
  location: string;
  owner?: string;
  repo?: string;
}

export interface RepoInfo extends RepoRef {
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  /** URL or path git clones from (GitHub: the API's clone_url). */
  cloneUrl: string;
}

/** Per-command git settings that authenticate without persisting anything. */
export interface GitAuth {
  /**
   * `key=value` config entries for each git command (e.g. http.extraHeader). The git runner
   * (src/process/git.ts) passes them as GIT_CONFIG_COUNT/KEY/VALUE: never argv, never disk.
   */
  configArgs: string[];
}

export interface PublishRequest {
  repo: RepoInfo;
  /** Workspace with the commit to publish checked out on `branch`. */
  workspaceDir: string;
  branch: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  draft: boolean;
  /** Reopen a PR that was closed without merging (default: leave it closed). */
  reopen: boolean;
  /** The workspace's HEAD, when the caller knows it (the gate's commit): saves asking git. */
  commit?: string;
  /** The change's unified diff against its base commit, when the caller has it (the gate's). */
  diff?: string;
}

export type PullRequestState = 'open' | 'draft' | 'merged' | 'closed';

export interface PullRequestInfo {
  number: number;
  url: string;
  state: PullRequestState;
  branch: string;
  headSha?: string;
  title: string;
}

export interface PullRequestStatus extends PullRequestInfo {
  /** Combined commit statuses and check runs of the head commit. */
  checks: 'success' | 'failure' | 'pending' | 'none';
  reviewDecision: 'approved' | 'changes-requested' | 'review-required' | 'none';
  updatedAt: string;
}

export interface Forge {
  readonly kind: ForgeKind;
  /** Metadata for a parsed reference (default branch, archived, fork, clone URL). */
  resolveRepo(ref: RepoRef): Promise<RepoInfo>;
  /** Auth for clone/fetch/push of this repository; never written to .git/config. */
  gitAuth(repo: RepoInfo): GitAuth;
  /** Push `branch` from the workspace (force only when every commit on the remote branch is godwit's). */
  pushBranch(req: PublishRequest): Promise<{ pushed: boolean; reason?: 'edited-by-human' | 'unchanged' }>;
  findPullRequest(repo: RepoInfo, branch: string): Promise<PullRequestInfo | undefined>;
  getPullRequestState(repo: RepoInfo, number: number): Promise<PullRequestStatus>;
  /** Idempotent: push, then create the PR or update the existing one. */
  openOrUpdatePullRequest(req: PublishRequest): Promise<PullRequestRecord>;
  /**
   * Optional: start reading (and sending) what publishing `branch` will need while the verifiers
   * run. Whatever is read ahead must stay safe when stale: the push stays leased on it, and
   * nothing becomes visible on a branch or a pull request before `openOrUpdatePullRequest`.
   */
  readAhead?(repo: RepoInfo, branch: string, change?: ChangeAhead): void;
}

/** The change being verified: the commit the gate makes on the side (undefined: none made), in `workspaceDir`. */
export interface ChangeAhead {
  workspaceDir: string;
  commit: Promise<string | undefined>;
}

/** The fixed identity godwit commits with; publishing uses it to tell godwit's commits from a human's. */
export const GODWIT_AUTHOR = { name: 'godwit', email: 'godwit@users.noreply.github.com' } as const;
