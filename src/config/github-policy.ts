/**
 * What godwit does with its pull requests after opening them (docs/github.md): reviewers,
 * labels, assignees, draft, rebases, comment commands, the CI feedback loop and merging.
 * Config keys `pullRequests` and `ci`; a campaign may override them (campaign record `policy`).
 */
import { z } from 'zod';

/** "Mon–Thu 09:00–16:00", "Mon-Fri 08:30-17:00", "Sat 10:00-12:00"; several joined with ",". */
export const scheduleWindowSchema = z
  .string()
  .trim()
  .regex(
    /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:\s*[-–]\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))?\s+\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}\s*(?:,\s*|$))+$/,
    'use e.g. "Mon–Thu 09:00–16:00" (days Mon..Sun, 24-hour times; several windows joined with ",")',
  );

const timezoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone (e.g. "Europe/Berlin", "UTC")');

export const mergePolicySchema = z
  .object({
    /** off: never merge; when-green: required checks green; when-approved: green and approved. */
    mode: z.enum(['off', 'when-green', 'when-approved']).default('off'),
    method: z.enum(['merge', 'squash', 'rebase']).default('squash'),
    /** Merges happen only inside this window, in the repository's time zone. Unset: any time. */
    window: scheduleWindowSchema.optional(),
    /** Time zone for repositories without their own entry in `timezones`. */
    timezone: timezoneSchema.default('UTC'),
    /** Per repository (owner/name) or owner: the owning team's time zone. */
    timezones: z.record(z.string(), timezoneSchema).default({}),
  })
  .strict();

export const pullRequestPolicySchema = z
  .object({
    /** Request reviews from the CODEOWNERS of the changed files. */
    codeowners: z.boolean().default(true),
    /** Logins and team slugs (of the repository's organisation) always asked to review. */
    reviewers: z.array(z.string().min(1)).default([]),
    teamReviewers: z.array(z.string().min(1)).default([]),
    /** Added to the migration's own labels. */
    labels: z.array(z.string().min(1)).default([]),
    assignees: z.array(z.string().min(1)).default([]),
    /** always: every PR a draft; when-unverified: drafts for runs that are not verified; never. Unset: the migration's pr.draft. */
    draft: z.enum(['always', 'when-unverified', 'never']).optional(),
    /** Re-run on the current base when the PR conflicts, or already when it is behind; never. */
    rebase: z.enum(['conflicted', 'behind', 'never']).default('conflicted'),
    /** The name comment commands address: "@<botName> rebase". */
    botName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, 'a GitHub login').default('godwit'),
    /** Label added when godwit gives a PR back to humans (CI still red after ci.maxRounds). */
    needsHumanLabel: z.string().min(1).default('godwit:needs-human'),
    merge: mergePolicySchema.default({ mode: 'off', method: 'squash', timezone: 'UTC', timezones: {} }),
  })
  .strict();
export type PullRequestPolicy = z.output<typeof pullRequestPolicySchema>;

export const ciPolicySchema = z
  .object({
    /** Agent rounds per PR that try to fix red CI; then the PR is labelled and handed to humans. */
    maxRounds: z.number().int().nonnegative().default(2),
    /** Characters of trimmed CI log given to the agent. */
    maxLogChars: z.number().int().positive().default(12_000),
  })
  .strict();
export type CiPolicy = z.output<typeof ciPolicySchema>;

export const PULL_REQUEST_POLICY_DEFAULTS: PullRequestPolicy = pullRequestPolicySchema.parse({});
export const CI_POLICY_DEFAULTS: CiPolicy = ciPolicySchema.parse({});

/**
 * The same keys with their defaults removed: an override holds only what was written, so a
 * campaign that sets `reviewers` does not reset the config's `botName` or merge method.
 */
function overridesOf(schema: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()]));
  return z.object(shape).strict();
}

export type CampaignPolicy = {
  pullRequests?: Partial<Omit<PullRequestPolicy, 'merge'>> & { merge?: Partial<PullRequestPolicy['merge']> };
  ci?: Partial<CiPolicy>;
};

/** A campaign's overrides (stored with the campaign record; `godwit enqueue --policy`). */
export const campaignPolicySchema = z
  .object({
    pullRequests: overridesOf(pullRequestPolicySchema.extend({ merge: overridesOf(mergePolicySchema).optional() })).optional(),
    ci: overridesOf(ciPolicySchema).optional(),
  })
  .strict() as unknown as z.ZodType<CampaignPolicy>;

/** Config policy with a campaign's overrides applied (merge settings merged key by key). */
export function effectivePolicy(
  config: { pullRequests: PullRequestPolicy; ci: CiPolicy },
  campaign: CampaignPolicy | undefined,
): { pullRequests: PullRequestPolicy; ci: CiPolicy } {
  const pr = campaign?.pullRequests ?? {};
  return {
    pullRequests: { ...config.pullRequests, ...pr, merge: { ...config.pullRequests.merge, ...(pr.merge ?? {}) } },
    ci: { ...config.ci, ...(campaign?.ci ?? {}) },
  };
}
