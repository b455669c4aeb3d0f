/**
 * What the follow-up handlers need from outside: the GitHub forge (per-repository clients),
 * a store for the per-PR follow-up record and the campaign link (Redis in fleet mode, see
 * src/queue/followup-store.ts), the migration loader, the pipeline runner and the clock.
 */
import type { LoadedMigration } from '../../catalog/definition.js';
import type { CampaignPolicy } from '../../config/github-policy.js';
import type { GodwitConfig } from '../../config/schema.js';
import type { GithubForge } from '../../forge/github/forge.js';
import type { RunJob } from '../../pipeline/index.js';
import type { FollowUpRecord } from '../../report/run-report.js';
import type { RunReport } from '../../report/run-report.js';
import type { BranchRoundOptions } from '../../pipeline/index.js';

/** The campaign a PR belongs to. */
export interface CampaignLink {
  campaignId: string;
  key: string;
  migration: string;
  /** The repository reference the campaign runs the pipeline on. */
  repoRef: string;
  policy?: CampaignPolicy;
  /** Summary of the repository's last run (for `explain`). */
  lastReport?: Pick<RunReport, 'status' | 'reason'> & { pr?: RunReport['pr'] };
}

export interface FollowUpStore {
  /** The PR's record, created empty when absent. */
  get(repo: string, number: number): Promise<FollowUpRecord>;
  /** Read-modify-write of the PR's record. */
  update(repo: string, number: number, change: (record: FollowUpRecord) => FollowUpRecord | void): Promise<FollowUpRecord>;
  /** The campaign whose branch `branch` on `repo` is (godwit/<migration>), if any. */
  locate(repo: string, branch: string): Promise<CampaignLink | undefined>;
  /** Marks the repository `skipped` in its campaign (never retried). */
  markSkipped(link: CampaignLink, reason: string): Promise<void>;
  /** Records a run's result for the campaign's repository (status, PR). */
  recordRun(link: CampaignLink, report: RunReport): Promise<void>;
  /** The PR was merged (by godwit or seen merged): the campaign's PR states and burndown count it. */
  recordMerged(link: CampaignLink, pr: { repo: string; number: number; url: string; branch: string; headSha: string }): Promise<void>;
}

export interface FollowUpDeps {
  config: GodwitConfig;
  forge: GithubForge;
  store: FollowUpStore;
  loadMigration: (id: string) => Promise<LoadedMigration>;
  runJob: RunJob;
  runBranchRound: (options: BranchRoundOptions) => Promise<RunReport>;
  now: () => Date;
  log?: (message: string) => void;
}
