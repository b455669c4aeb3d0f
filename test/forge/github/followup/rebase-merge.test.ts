/**
 * Rebasing and merging end to end, with a personal token and as a GitHub App: the base branch
 * moves on the fake GitHub (real git), a poll (what `godwit sync` queues where no webhook
 * reaches godwit) or a webhook reaches the follow-up worker, which re-runs the migration and
 * force-pushes — unless a human committed to the branch — and merges green, approved PRs only
 * inside the merge window of the repository's time zone (the clock is injected).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPullRequestStates } from '../../../../src/queue/pr-states.js';
import { startHarness, type AuthMode, type Harness } from './harness.js';

const GREET = 'export const greet = (n: string): string => `Hello ${n}`;\n';
const LONG = 300_000;

function isAncestor(h: Harness, repo: string, ancestor: string, of: string): boolean {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', ancestor, of], { cwd: h.fake.repo(repo).barePath, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each<AuthMode>(['token', 'app'])('after the PR (%s)', (auth) => {
  let h: Harness;
  const bot = (repo: string, number: number) => h.fake.commentsOn(repo, number).filter((c) => c.user === 'godwit-bot[bot]');

  beforeAll(async () => {
    h = await startHarness({ auth });
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  describe('rebase', () => {
    let repo: string;
    let number: number;

    beforeAll(async () => {
      ({ repo, number } = await h.addRepoWithPr('rebase', { 'src/greet.ts': GREET }));
    }, LONG);

    it('re-runs the migration on the moved base of a conflicted PR and force-pushes', async () => {
      const branch = h.fake.pullOf(repo, number).head;
      const before = h.fake.branchSha(repo, branch)!;
      const base = h.fake.pushCommit(repo, 'main', { 'src/greet.ts': 'export const greet = (n: string): string => `Hello, ${n}!`;\n' });
      expect(h.fake.mergeableState(repo, number)).toBe('dirty');

      const out = await h.poll(repo, number);
      expect(out.rebase?.action, JSON.stringify(out)).toBe('rebased');
      const after = h.fake.branchSha(repo, branch)!;
      expect(after).not.toBe(before);
      expect(isAncestor(h, repo, base, after)).toBe(true); // on the new base
      expect(isAncestor(h, repo, before, after)).toBe(false); // rewritten: a force-push
      expect(h.fake.fileAt(repo, after, 'src/greet.ts')).toBe('export const greet = (n: string): string => `Hi, ${n}!`;');
      expect(h.fake.mergeableState(repo, number)).not.toBe('dirty');
      expect((await h.followUp(repo, number))?.rebase?.outcome).toBe('rebased');
      expect(bot(repo, number)).toEqual([]);
    }, LONG);

    it('leaves the same PR alone once a human committed to it, and says why once', async () => {
      const branch = h.fake.pullOf(repo, number).head;
      h.fake.pushCommit(repo, 'main', { 'src/greet.ts': 'export const greet = (n: string): string => `Hello there, ${n}!`;\n' });
      const human = h.fake.pushHumanCommit(repo, branch);
      expect(h.fake.mergeableState(repo, number)).toBe('dirty');

      const out = await h.poll(repo, number);
      expect(out.rebase?.action).toBe('blocked');
      expect(h.fake.branchSha(repo, branch)).toBe(human);
      expect(bot(repo, number)).toHaveLength(1);
      expect(bot(repo, number)[0]!.body).toMatch(/did not rebase this PR although it conflicts with `main`: the branch has commits by someone else \(\w+ Ada Human <ada@example.com>\)/);
      await h.poll(repo, number);
      expect(bot(repo, number)).toHaveLength(1);
      expect(h.fake.branchSha(repo, branch)).toBe(human);
    }, LONG);
  });

  describe('merge', () => {
    const green = (repo: string, sha: string, extra: Array<{ name: string; pending?: boolean }> = []) => {
      h.fake.runCi(repo, sha, () => [{ name: 'build', conclusion: 'success', log: 'ok' }]);
      for (const e of extra) if (e.pending) h.fake.addCheckRun(sha, e.name, 'in_progress');
    };

    beforeAll(async () => {
      // 09:00–16:00 in Berlin (UTC+1 in March): 08:00–15:00 UTC.
      await h.setPolicy({ pullRequests: { merge: { mode: 'when-approved', method: 'squash', window: 'Mon–Thu 09:00–16:00', timezone: 'Europe/Berlin' } } });
    });

    it('merges a green, approved PR inside the window and not outside it', async () => {
      const { repo, number, key } = await h.addRepoWithPr('merge', { 'src/greet.ts': GREET });
      const pr = () => h.fake.pullOf(repo, number);
      h.fake.requireChecks(repo, 'main', ['build']);
      green(repo, h.fake.branchSha(repo, pr().head)!);
      h.fake.addReview(repo, number, 'rita', 'APPROVED');

      for (const outside of ['2026-03-02T15:30:00Z' /* Mon 16:30 Berlin, 15:30 UTC */, '2026-03-06T10:00:00Z' /* Fri */, '2026-03-02T07:30:00Z' /* Mon 08:30 */]) {
        h.clock.now = new Date(outside);
        const [out] = await h.deliver('pull_request_review', { repo, pull: number, review: { user: 'rita', state: 'approved' } });
        expect(out!.merge?.state, `${outside}: ${JSON.stringify(out!.merge)}`).toBe('waiting');
        expect(out!.merge?.reason).toMatch(/window/);
        expect(pr().merged).toBe(false);
      }

      h.clock.now = new Date('2026-03-02T14:30:00Z'); // Mon 15:30 Berlin
      const out = await h.poll(repo, number);
      expect(out.merge, JSON.stringify(out.merge)).toMatchObject({ state: 'merged', method: 'squash' });
      expect(pr().merged).toBe(true);
      expect((await h.followUp(repo, number))?.merge?.state).toBe('merged');
      // The dashboard's repository page shows the merge state.
      expect(await h.repositoryPage(key)).toMatch(/data-testid="merge-state"><span class="badge merge-merged">merged<\/span>.*\(squash\)/);
      // The campaign's PR states (the burndown) count it as merged.
      expect((await getPullRequestStates(h.ctx.redis, h.ctx.keys, h.campaignId)).find((p) => p.key === key)?.state).toBe('merged');
    }, LONG);

    it('does not merge while a required check is pending', async () => {
      const { repo, number } = await h.addRepoWithPr('merge-pending', { 'src/greet.ts': GREET });
      const pr = () => h.fake.pullOf(repo, number);
      h.fake.requireChecks(repo, 'main', ['build', 'integration']);
      green(repo, h.fake.branchSha(repo, pr().head)!, [{ name: 'integration', pending: true }]);
      h.fake.addReview(repo, number, 'rita', 'APPROVED');
      h.clock.now = new Date('2026-03-03T10:00:00Z'); // Tue 11:00 Berlin

      // Through `godwit sync --follow-up`'s path: the sync queues a poll for every open PR.
      const out = (await h.sync()).find((o) => o.repo === repo && o.number === number)!;
      expect(out.merge?.state, JSON.stringify(out.merge)).toBe('waiting');
      expect(out.merge?.reason).toMatch(/integration/);
      expect(pr().merged).toBe(false);
      expect(pr().state).toBe('open');
      expect(h.fake.violations).toEqual([]);
    }, LONG);
  });

  it('leaks no secret into Redis, comments, PRs, logs, files or git history', async () => {
    expect(await h.leaks()).toEqual([]);
    if (auth === 'app') expect(h.fake.mintedTokens.length).toBeGreaterThan(0);
  });
});
