/**
 * What godwit did with a PR after opening it, per PR (owner/name#number): CI feedback rounds,
 * comment commands, rebases and the merge state. Stored in Redis by the follow-up worker,
 * shown on the dashboard, and the CI rounds also in the RunReport of each round (`ciRounds`).
 */
import { z } from 'zod';

export const ciRoundSchema = z.object({
  round: z.number().int().nonnegative(),
  at: z.string(),
  /** Head commit whose checks failed. */
  headSha: z.string(),
  /** Failing checks godwit caused (base green or the check is new). */
  checks: z.array(z.string()),
  outcome: z.enum(['pushed', 'no-fix', 'not-verified', 'needs-human', 'reported', 'error']),
  /** Commit pushed by the round. */
  commit: z.string().optional(),
  reason: z.string(),
  /** Trimmed failure text given to the agent (first characters). */
  failure: z.string().optional(),
});
export type CiRound = z.infer<typeof ciRoundSchema>;

export const commandRecordSchema = z.object({
  at: z.string(),
  commentId: z.number().int(),
  author: z.string(),
  command: z.string(),
  outcome: z.enum(['done', 'refused', 'unknown', 'failed', 'ignored']),
  reason: z.string(),
});
export type CommandRecord = z.infer<typeof commandRecordSchema>;

export const mergeStateSchema = z.object({
  state: z.enum(['off', 'waiting', 'blocked', 'merged', 'failed']),
  reason: z.string(),
  at: z.string(),
  method: z.string().optional(),
  sha: z.string().optional(),
});
export type MergeState = z.infer<typeof mergeStateSchema>;

export const followUpRecordSchema = z.object({
  /** owner/name */
  repo: z.string(),
  number: z.number().int().positive(),
  branch: z.string().optional(),
  campaignId: z.string().optional(),
  key: z.string().optional(),
  ciRounds: z.array(ciRoundSchema).default([]),
  /** Rounds before this index do not count against ci.maxRounds (`@godwit retry` resets the budget). */
  ciBudgetFrom: z.number().int().nonnegative().default(0),
  /** Head commits whose red CI was already handled (one round per red head). */
  handledShas: z.array(z.string()).default([]),
  commands: z.array(commandRecordSchema).default([]),
  /** Users refused once (no write access); they are not answered again. */
  refused: z.array(z.string()).default([]),
  merge: mergeStateSchema.optional(),
  rebase: z.object({ at: z.string(), outcome: z.string(), reason: z.string() }).optional(),
  needsHuman: z.boolean().default(false),
  updatedAt: z.string(),
});
export type FollowUpRecord = z.infer<typeof followUpRecordSchema>;
