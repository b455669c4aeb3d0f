/**
 * Zod schemas for everything the queue layer stores in Redis: BullMQ job data (validated again
 * when a worker picks a job up — Redis is outside data), the campaign record, the per-repository
 * status record and the burndown history samples. The dashboard reads these through
 * campaign-store.ts.
 */
import { z } from 'zod';
import { campaignPolicySchema } from '../config/github-policy.js';
import { RUN_STATUSES } from '../report/run-report.js';
import { verifierOverridesSchema } from '../verify/index.js';

/**
 * Where a repository stands in a campaign. Before and while a job runs: `pending` (its wave is
 * not released yet), `queued`, `running`, `rate-limited` (delayed by a limit), `retrying`
 * (an infrastructure error; BullMQ retries with backoff). Afterwards: a RunReport status.
 */
export const LIVE_STATUSES = ['pending', 'queued', 'running', 'rate-limited', 'retrying'] as const;
/** `skipped`: a maintainer closed the PR with `@godwit close`; the repository is never retried. */
export const REPO_STATUSES = [...LIVE_STATUSES, ...RUN_STATUSES, 'skipped'] as const;
export const repoStatusSchema = z.enum(REPO_STATUSES);
export type RepoStatus = z.infer<typeof repoStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<RepoStatus> = new Set<RepoStatus>([...RUN_STATUSES, 'skipped']);

/** Statuses that count as "applicable" for a wave gate (verified / applicable ≥ gate). */
export const APPLICABLE_STATUSES: ReadonlySet<RepoStatus> = new Set<RepoStatus>([
  'verified',
  'failed',
  'unverified',
  'baseline-broken',
  'error',
]);

const idSchema = z.string().regex(/^[A-Za-z0-9._-]+$/, 'ids hold letters, digits, . _ - only');

/** Data of a job in the `repos` queue. */
export const repoJobDataSchema = z
  .object({
    campaignId: idSchema,
    /** Key of the repository within the campaign (also the job-id suffix). */
    key: idSchema,
    migration: z.string().min(1),
    /** Repository reference as given (path, file:// URL, owner/name, https URL). */
    repo: z.string().min(1),
    /** Display name (owner/name or folder name). */
    name: z.string().min(1),
    wave: z.number().int().nonnegative(),
    dryRun: z.boolean().default(false),
    install: z.boolean().default(true),
    /** Campaign-level verifier commands per kind (`false` = off); the repository's own settings win. */
    verifiers: verifierOverridesSchema.optional(),
  })
  .strict();
export type RepoJobData = z.infer<typeof repoJobDataSchema>;
export type RepoJobDataInput = z.input<typeof repoJobDataSchema>;

/** Data of a wave parent job in the `campaigns` queue. */
export const waveJobDataSchema = z.object({ campaignId: idSchema, wave: z.number().int().nonnegative() }).strict();
export type WaveJobData = z.infer<typeof waveJobDataSchema>;

export const campaignStateSchema = z.enum(['running', 'paused', 'cancelled', 'done']);
export type CampaignState = z.infer<typeof campaignStateSchema>;

export const waveRecordSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Repository keys in this wave. */
  keys: z.array(idSchema),
  released: z.boolean(),
  /** Filled when the wave finished: verified / applicable. */
  result: z
    .object({ verified: z.number(), applicable: z.number(), rate: z.number(), finishedAt: z.string() })
    .optional(),
});
export type WaveRecord = z.infer<typeof waveRecordSchema>;

export const campaignRecordSchema = z.object({
  id: idSchema,
  name: z.string(),
  migration: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  state: campaignStateSchema,
  /** Why the campaign is paused (a wave below its gate) or was cancelled. */
  reason: z.string().optional(),
  total: z.number().int().nonnegative(),
  /** Verified rate a finished wave needs before the next wave is released (0–1). */
  gate: z.number().min(0).max(1),
  waves: z.array(waveRecordSchema),
  /** Max jobs of this campaign running at once across the fleet (undefined: no cap). */
  concurrency: z.number().int().positive().optional(),
  dryRun: z.boolean().default(false),
  install: z.boolean().default(true),
  verifiers: verifierOverridesSchema.optional(),
  /** Overrides of the config's pullRequests/ci policy for this campaign (docs/github.md). */
  policy: campaignPolicySchema.optional(),
});
export type CampaignRecord = z.infer<typeof campaignRecordSchema>;

export const repoPrSchema = z.object({
  action: z.string(),
  url: z.string().optional(),
  number: z.number().optional(),
  state: z.string().optional(),
  branch: z.string().optional(),
});

export const repoStatusRecordSchema = z.object({
  key: idSchema,
  /** BullMQ job id currently responsible for this repository (changes on `retry`). */
  jobId: z.string(),
  repo: z.string(),
  name: z.string(),
  wave: z.number().int().nonnegative(),
  status: repoStatusSchema,
  /** Stage the job is in (or ended in). */
  stage: z.string().optional(),
  reason: z.string().optional(),
  pr: repoPrSchema.optional(),
  attempts: z.number().int().nonnegative().default(0),
  /** Times `godwit retry`/`resume` re-queued it. */
  requeues: z.number().int().nonnegative().default(0),
  /** Set when `cancel` found the job running; it finished anyway. */
  cancelRequested: z.boolean().optional(),
  durationMs: z.number().optional(),
  /** Agent iterations, tokens and cost of the finished run (written with its final status). */
  iterations: z.number().int().nonnegative().optional(),
  tokens: z.number().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
  updatedAt: z.string(),
});
export type RepoStatusRecord = z.infer<typeof repoStatusRecordSchema>;

/** One point of the burndown: counts by status at a moment. */
export const historySampleSchema = z.object({
  ts: z.number(),
  counts: z.record(z.string(), z.number()),
});
export type HistorySample = z.infer<typeof historySampleSchema>;

/** What `job.updateProgress` carries (the dashboard shows it live). */
export const jobProgressSchema = z.object({
  stage: z.string(),
  phase: z.enum(['start', 'end']),
  status: z.string().optional(),
  summary: z.string().optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;
