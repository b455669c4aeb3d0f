/**
 * GitHub webhook deliveries → follow-up triggers. The signature (X-Hub-Signature-256, an
 * HMAC-SHA256 of the raw body) is verified with @octokit/webhooks before anything is parsed;
 * the payload is then read through small zod schemas (only the fields godwit uses) and turned
 * into triggers — the job data of the follow-up queue:
 *
 *   check_suite / check_run completed   → checks   (CI feedback, then merge)
 *   issue_comment created on a PR       → comment  (commands)
 *   pull_request opened/synchronize/…   → pull     (rebase when behind or conflicted, merge)
 *   pull_request_review submitted       → review   (merge when approved)
 */
import { Webhooks } from '@octokit/webhooks';
import { z } from 'zod';

export const followUpTriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checks'), repo: z.string(), number: z.number().int().positive(), headSha: z.string().optional() }).strict(),
  z
    .object({
      kind: z.literal('comment'),
      repo: z.string(),
      number: z.number().int().positive(),
      commentId: z.number().int(),
      body: z.string().max(65_536),
      author: z.string(),
      authorType: z.string().default('User'),
    })
    .strict(),
  z.object({ kind: z.literal('pull'), repo: z.string(), number: z.number().int().positive(), action: z.string() }).strict(),
  z.object({ kind: z.literal('review'), repo: z.string(), number: z.number().int().positive(), state: z.string() }).strict(),
  /** Polling (godwit sync) and tests: look at everything about the PR. */
  z.object({ kind: z.literal('poll'), repo: z.string(), number: z.number().int().positive() }).strict(),
]);
export type FollowUpTrigger = z.infer<typeof followUpTriggerSchema>;

/** Verifies `X-Hub-Signature-256` against the raw body (constant-time, via @octokit/webhooks). */
export async function verifySignature(secret: string, rawBody: string, signature: string | undefined): Promise<boolean> {
  if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) return false;
  try {
    return await new Webhooks({ secret }).verify(rawBody, signature);
  } catch {
    return false;
  }
}

const repository = z.object({ full_name: z.string() }).passthrough();
const prRef = z.object({ number: z.number().int().positive() }).passthrough();

const checkSuite = z.object({
  action: z.string(),
  repository,
  check_suite: z.object({ head_sha: z.string(), pull_requests: z.array(prRef).default([]) }).passthrough(),
});
const checkRun = z.object({
  action: z.string(),
  repository,
  check_run: z.object({ head_sha: z.string(), pull_requests: z.array(prRef).default([]) }).passthrough(),
});
const issueComment = z.object({
  action: z.string(),
  repository,
  issue: z.object({ number: z.number().int().positive(), pull_request: z.unknown().optional() }).passthrough(),
  comment: z.object({ id: z.number().int(), body: z.string().nullable().default(''), user: z.object({ login: z.string(), type: z.string().default('User') }).passthrough() }).passthrough(),
});
const pullRequest = z.object({ action: z.string(), repository, pull_request: prRef });
const review = z.object({ action: z.string(), repository, review: z.object({ state: z.string() }).passthrough(), pull_request: prRef });

/** The triggers a delivery asks for (none for events and actions godwit does not act on). */
export function triggersOf(event: string, payload: unknown): FollowUpTrigger[] {
  switch (event) {
    case 'check_suite': {
      const p = checkSuite.safeParse(payload);
      if (!p.success || p.data.action !== 'completed') return [];
      return p.data.check_suite.pull_requests.map((pr) => ({ kind: 'checks', repo: p.data.repository.full_name, number: pr.number, headSha: p.data.check_suite.head_sha }));
    }
    case 'check_run': {
      const p = checkRun.safeParse(payload);
      if (!p.success || p.data.action !== 'completed') return [];
      return p.data.check_run.pull_requests.map((pr) => ({ kind: 'checks', repo: p.data.repository.full_name, number: pr.number, headSha: p.data.check_run.head_sha }));
    }
    case 'issue_comment': {
      const p = issueComment.safeParse(payload);
      if (!p.success || p.data.action !== 'created' || p.data.issue.pull_request === undefined) return [];
      const c = p.data.comment;
      return [
        {
          kind: 'comment',
          repo: p.data.repository.full_name,
          number: p.data.issue.number,
          commentId: c.id,
          body: (c.body ?? '').slice(0, 65_536),
          author: c.user.login,
          authorType: c.user.type,
        },
      ];
    }
    case 'pull_request': {
      const p = pullRequest.safeParse(payload);
      if (!p.success || !['opened', 'reopened', 'synchronize', 'ready_for_review', 'closed'].includes(p.data.action)) return [];
      return [{ kind: 'pull', repo: p.data.repository.full_name, number: p.data.pull_request.number, action: p.data.action }];
    }
    case 'pull_request_review': {
      const p = review.safeParse(payload);
      if (!p.success || p.data.action !== 'submitted') return [];
      return [{ kind: 'review', repo: p.data.repository.full_name, number: p.data.pull_request.number, state: p.data.review.state }];
    }
    default:
      return [];
  }
}
