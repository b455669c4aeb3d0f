import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGithubClient, type GithubClient } from '../../../src/forge/github/client.js';
import { GithubForge } from '../../../src/forge/github/forge.js';
import { syncPullRequests } from '../../../src/forge/github/sync.js';
import { parseRepoRef } from '../../../src/forge/repo-ref.js';
import { FakeGithub } from '../../support/fake-github/server.js';
import { FAST, PLANTED_TOKEN, godwitWorkspace } from './helpers.js';

let fake: FakeGithub;
let forge: GithubForge;
let client: GithubClient;
const dirs: string[] = [];

/** Opens godwit's PR on a new fake repository; returns its number and head sha. */
async function openPr(name: string): Promise<{ number: number; sha: string }> {
  fake.addRepo({ owner: 'fleet', name });
  const repo = await forge.resolveRepo(parseRepoRef(`fleet/${name}`));
  const dir = godwitWorkspace(repo.cloneUrl, 'godwit/m', forge.gitAuth(repo), { 'x.txt': name });
  dirs.push(dir);
  const pr = await forge.openOrUpdatePullRequest({
    repo,
    workspaceDir: dir,
    branch: 'godwit/m',
    base: repo.defaultBranch,
    title: 't',
    body: 'b',
    labels: [],
    draft: false,
    reopen: false,
  });
  return { number: pr.number!, sha: pr.commit! };
}

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  const github = { token: PLANTED_TOKEN, apiUrl: fake.apiUrl };
  forge = new GithubForge({ github }, { clientOptions: FAST });
  client = createGithubClient(github, FAST);
});

afterEach(() => {
  const violations = fake.violations;
  fake.checks.length = 0;
  expect(violations).toEqual([]);
});

afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await fake.stop();
});

describe('syncPullRequests', () => {
  it('reflects a merged PR, a failing check run, pending and green checks, reviews, and a missing PR', async () => {
    const [merged, failing, pending, green] = await Promise.all([openPr('merged'), openPr('failing'), openPr('pending'), openPr('green')]);
    fake.addCheckRun(merged.sha, 'build', 'completed', 'success');
    fake.mergePull('fleet/merged', merged.number);
    fake.addStatus(failing.sha, 'success', 'ci/lint');
    fake.addCheckRun(failing.sha, 'build', 'completed', 'success');
    fake.addCheckRun(failing.sha, 'test', 'completed', 'failure');
    fake.addReview('fleet/failing', failing.number, 'alice', 'CHANGES_REQUESTED');
    fake.addCheckRun(pending.sha, 'build', 'in_progress');
    fake.addStatus(pending.sha, 'success');
    fake.requestReviewer('fleet/pending', pending.number, 'bob');
    fake.addStatus(green.sha, 'success');
    fake.addReview('fleet/green', green.number, 'alice', 'CHANGES_REQUESTED');
    fake.addReview('fleet/green', green.number, 'alice', 'APPROVED'); // alice changed her mind
    fake.addReview('fleet/green', green.number, 'carol', 'COMMENTED');
    fake.addRepo({ owner: 'fleet', name: 'untouched' });

    const records = await syncPullRequests(client, [
      { repo: 'fleet/merged', branch: 'godwit/m' },
      { repo: 'fleet/failing', branch: 'godwit/m' },
      { repo: 'fleet/pending', branch: 'godwit/m' },
      { repo: 'fleet/green', branch: 'godwit/m' },
      { repo: 'fleet/untouched', branch: 'godwit/m' },
      { repo: 'fleet/gone', branch: 'godwit/m' },
    ]);
    expect(records.map((r) => [r.repo, r.found, r.state, r.checks, r.reviewDecision])).toEqual([
      ['fleet/merged', true, 'merged', 'success', 'none'],
      ['fleet/failing', true, 'open', 'failure', 'changes-requested'],
      ['fleet/pending', true, 'open', 'pending', 'review-required'],
      ['fleet/green', true, 'open', 'success', 'approved'],
      ['fleet/untouched', false, undefined, undefined, undefined],
      ['fleet/gone', false, undefined, undefined, undefined],
    ]);
    expect(records[0]).toMatchObject({ number: merged.number, headSha: merged.sha, url: expect.stringContaining('/pull/') });
    expect(records[5]!.error).toMatchObject({ code: 'forge-failed', message: expect.stringContaining('fleet/gone') });
  });

  it('reports a closed draft and no checks', async () => {
    fake.addRepo({ owner: 'fleet', name: 'drafted' });
    const repo = await forge.resolveRepo(parseRepoRef('fleet/drafted'));
    const dir = godwitWorkspace(repo.cloneUrl, 'godwit/m', forge.gitAuth(repo), { 'x.txt': 'd' });
    dirs.push(dir);
    const pr = await forge.openOrUpdatePullRequest({ repo, workspaceDir: dir, branch: 'godwit/m', base: 'main', title: 't', body: 'b', labels: [], draft: true, reopen: false });
    const [draft] = await syncPullRequests(client, [{ repo: 'fleet/drafted', branch: 'godwit/m' }]);
    expect(draft).toMatchObject({ state: 'draft', checks: 'none', reviewDecision: 'none' });
    fake.closePull('fleet/drafted', pr.number!);
    const status = await forge.getPullRequestState(repo, pr.number!);
    expect(status).toMatchObject({ state: 'closed', checks: 'none' });
  });
});
