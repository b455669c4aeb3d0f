/**
 * A new PR asks the CODEOWNERS of its changed files (users and teams of the organisation) plus
 * the policy's reviewers to review, gets the policy's labels and assignees, and is a draft
 * when the draft policy says so — through the real Octokit against the fake GitHub, with every
 * request and response checked against GitHub's OpenAPI description. The PR is opened by the
 * follow-up harness (the real pipeline), with the campaign's pull-request policy as config.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewersResult } from '../../../../src/forge/github/reviewers.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
const seen: ReviewersResult[] = [];

beforeAll(async () => {
  h = await startHarness({
    config: { pullRequests: { reviewers: ['rita'], labels: ['fleet'], assignees: ['sam'], draft: 'always' } },
    onReviewers: (_repo, result) => seen.push(result),
  });
  h.fake.addTeam('acme', 'web-platform');
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('reviewers, labels, assignees and drafts on a new PR', () => {
  it('requests CODEOWNERS users and teams plus campaign reviewers, adds labels and assignees', async () => {
    const { repo, number } = await h.addRepoWithPr('site', {
      '.github/CODEOWNERS': '* @fallback\n/src/ @acme/web-platform\n/src/legacy/*.ts @lena\ndocs/ owner@example.com\n/src/legacy/*.ts @lena @other-org/team\n',
      'src/app.ts': 'export const a = "Hello";\n',
      'src/legacy/old.ts': 'export const b = "Hello";\n',
      'README.md': 'Hello\n',
    });
    const pr = h.fake.pullOf(repo, number);
    expect(pr.draft).toBe(true);
    expect(pr.labels.map((l) => l.name).sort()).toEqual(['fleet', 'godwit']);
    expect(pr.assignees).toEqual(['sam']);
    // src/app.ts → the team; src/legacy/old.ts → lena (last match); README.md is not changed, so @fallback is not asked.
    expect([...pr.requestedReviewers].sort()).toEqual(['lena', 'rita']);
    expect(pr.requestedTeams).toEqual(['web-platform']);
    expect(seen[0]!.codeownersFile).toBe('.github/CODEOWNERS');
    expect(seen[0]!.problems).toContain('@other-org/team cannot be requested through the API');
    expect(h.fake.violations).toEqual([]);
    const reviewRequest = h.fake.requests.find((r) => r.path.endsWith('/requested_reviewers'));
    expect(reviewRequest?.body).toMatchObject({ team_reviewers: ['web-platform'] });
  }, 120_000);
});
