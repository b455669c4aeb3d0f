/**
 * What the dashboard reads and does, as one interface. Pages depend on this, not on BullMQ;
 * `queue-source.ts` implements it over the queue layer's campaign store and actions.
 */
import type { FollowUpRecord, RunReport } from '../report/run-report.js';

/** Where a repository is: a RunReport status once finished, a queue state before. */
export const REPO_STATES = [
  'verified',
  'failed',
  'unverified',
  'not-applicable',
  'no-changes',
  'baseline-broken',
  'error',
  'cancelled',
  'running',
  'retrying',
  'rate-limited',
  'waiting',
  'skipped',
] as const;
export type RepoState = (typeof REPO_STATES)[number];

export interface PrSummary {
  url?: string;
  number?: number;
  state: 'open' | 'draft' | 'merged' | 'closed';
  /** Combined CI checks state, when known. */
  checks?: 'pending' | 'success' | 'failure' | 'neutral';
}

export interface WaveSummary {
  index: number;
  status: 'pending' | 'running' | 'paused' | 'done' | 'cancelled';
  total: number;
  done: number;
  /** Verified / applicable, once the wave finished (0–1). */
  rate?: number;
}

export interface CampaignSummary {
  id: string;
  migrationId: string;
  /** The campaign's name (`--name`); the id when it has none. */
  name: string;
  createdAt: string;
  status: 'running' | 'paused' | 'cancelled' | 'done';
  /** Why it is paused or was cancelled. */
  reason?: string;
  total: number;
  counts: Partial<Record<RepoState, number>>;
  prs: { open: number; merged: number; closed: number; draft?: number };
  /** Verified rate a wave needs before the next one is released (0–1). */
  gate?: number;
  waves: WaveSummary[];
}

export interface RepoRow {
  /** Stable id of the repository inside the campaign (used in URLs). */
  id: string;
  repo: string;
  state: RepoState;
  stage?: string;
  pr?: PrSummary;
  iterations?: number;
  tokens?: number;
  costUsd?: number;
  durationMs?: number;
  attempts?: number;
  reason?: string;
  updatedAt?: string;
}

export interface RepoPageQuery {
  state?: RepoState | undefined;
  search?: string | undefined;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface RepoPage {
  rows: RepoRow[];
  /** Rows matching the filter, before pagination. */
  total: number;
}

export interface BurndownPoint {
  /** Unix seconds. */
  t: number;
  open: number;
  merged: number;
  remaining: number;
}

export interface RepoDetail {
  row: RepoRow;
  report?: RunReport;
  /** Lines logged by a run still in progress (the report carries them once finished). */
  liveLogs?: string[];
  /** Set when the job finished but its return value is not a RunReport this version reads. */
  reportProblem?: string;
  /** What happened after the PR opened: CI rounds, commands, rebase, merge (docs/github.md). */
  followUp?: FollowUpRecord;
}

/** A change the live page should react to. */
export interface LiveEvent {
  campaignId?: string;
  repoId?: string;
  state?: string;
}

export interface DashboardSource {
  listCampaigns(): Promise<CampaignSummary[]>;
  getCampaign(id: string): Promise<CampaignSummary | undefined>;
  listRepos(campaignId: string, query: RepoPageQuery): Promise<RepoPage>;
  getRepo(campaignId: string, repoId: string): Promise<RepoDetail | undefined>;
  burndown(campaignId: string): Promise<BurndownPoint[]>;
  retryFailed(campaignId: string): Promise<number>;
  retryRepo(campaignId: string, repoId: string): Promise<void>;
  cancelCampaign(campaignId: string): Promise<void>;
  resumeCampaign(campaignId: string): Promise<void>;
  /** Calls `listener` on every change; returns an unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}
