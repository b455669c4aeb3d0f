/**
 * Webhooks and comment commands end to end: GitHub (the fake) delivers signed issue_comment
 * events to `godwit webhooks`' receiver, the follow-up worker (BullMQ on a real Redis) runs the
 * command through the real Octokit. Forged deliveries are rejected with 401 and change
 * nothing; a redelivery is processed once; only users with write access are obeyed. Once with a
 * personal token and once as a GitHub App.
 */
import { execFileSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bullConnection } from '../../../../src/queue/connection.js';
import { FOLLOWUP_QUEUE } from '../../../../src/queue/followup-queue.js';
import { followUpKey } from '../../../../src/queue/followup-store.js';
import { SECRET, startHarness, type AuthMode, type Harness } from './harness.js';

describe.each<AuthMode>(['token', 'app'])('webhooks and commands (%s)', (auth) => {
  let h: Harness;
  let repo: string;
  let number: number;
  let key: string;
  let queue: Queue;

  const WAIT = { timeout: 90_000, interval: 250 };

  async function say(user: string, body: string, deliveryId?: string) {
    const c = h.fake.addComment(repo, number, user, body);
    const payload = h.fake.webhookPayload('issue_comment', { repo, pull: number, comment: c });
    const res = await h.fake.deliver(h.webhook.url, SECRET, 'issue_comment', payload, deliveryId ? { deliveryId } : {});
    return { comment: c, res, payload };
  }

  function isAncestor(ancestor: string, of: string): boolean {
    try {
      execFileSync('git', ['merge-base', '--is-ancestor', ancestor, of], { cwd: h.fake.repo(repo).barePath, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  const botReplies = () => h.fake.commentsOn(repo, number).filter((c) => c.user === 'godwit-bot[bot]');

  beforeAll(async () => {
    h = await startHarness({ auth });
    ({ repo, number, key } = await h.addRepoWithPr('commands', { 'src/greet.ts': 'export const greet = (n: string): string => `Hello ${n}`;\n' }));
    h.fake.setPermission(repo, 'maya', 'write');
    h.fake.setPermission(repo, 'otto', 'read');
    queue = new Queue(FOLLOWUP_QUEUE, { connection: bullConnection(h.redis.url), prefix: h.ctx.keys.bullPrefix });
  }, 180_000);

  afterAll(async () => {
    await queue?.close();
    await h?.stop();
  });

  describe('webhook deliveries', () => {
    it('rejects a forged signature with 401 and changes nothing', async () => {
      const before = { comments: h.fake.comments.length, jobs: await queue.count() };
      const c = h.fake.addComment(repo, number, 'maya', '@godwit close');
      const payload = h.fake.webhookPayload('issue_comment', { repo, pull: number, comment: c });
      const forged = await h.fake.deliver(h.webhook.url, 'not-the-secret', 'issue_comment', payload);
      expect(forged.status).toBe(401);
      const unsigned = await h.fake.deliver(h.webhook.url, SECRET, 'issue_comment', payload, { signature: 'sha256=' + '0'.repeat(64) });
      expect(unsigned.status).toBe(401);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await queue.count()).toBe(before.jobs);
      expect(h.fake.comments.length).toBe(before.comments + 1); // only the human's own comment
      expect(h.fake.pullOf(repo, number).state).toBe('open');
      expect(h.fake.reactionsTo(c.id)).toEqual([]);
    });

    it('processes a redelivered event once (explain), acknowledged with a reaction and answered', async () => {
      const before = botReplies().length;
      const first = await say('maya', 'Could you tell us what happened here?\n@godwit explain', 'delivery-explain-1');
      expect(first.res.status).toBe(202);
      const again = await h.fake.deliver(h.webhook.url, SECRET, 'issue_comment', first.payload, { deliveryId: 'delivery-explain-1' });
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
      await vi.waitFor(() => expect(botReplies().length).toBe(before + 1), WAIT);
      await new Promise((r) => setTimeout(r, 1500));
      expect(botReplies().length).toBe(before + 1);
      expect(botReplies().at(-1)!.body).toContain('What godwit did on this PR');
      expect(botReplies().at(-1)!.body).toContain('campaign `greeting-campaign`');
      expect(h.fake.reactionsTo(first.comment.id).map((r) => r.content)).toEqual(['eyes']);
      const record = await h.followUp(repo, number);
      expect(record?.commands.map((c) => [c.command, c.outcome])).toEqual([['explain', 'done']]);
    });
  });

  describe('comment commands', () => {
    it('refuses a user without write access politely, once', async () => {
      const before = botReplies().length;
      const first = await say('otto', '@godwit close');
      await vi.waitFor(async () => expect((await h.followUp(repo, number))?.commands.some((c) => c.commentId === first.comment.id)).toBe(true), WAIT);
      expect(botReplies().length).toBe(before + 1);
      expect(botReplies().at(-1)!.body).toContain('only takes commands from people with write access');
      const second = await say('otto', '@godwit rebase');
      await vi.waitFor(async () => expect((await h.followUp(repo, number))?.commands.some((c) => c.commentId === second.comment.id)).toBe(true), WAIT);
      expect(botReplies().length).toBe(before + 1);
      expect(h.fake.pullOf(repo, number).state).toBe('open');
      expect(h.fake.reactionsTo(first.comment.id)).toEqual([]);
    });

    it('answers an unknown command with the valid ones; ignores comments that do not address godwit', async () => {
      const before = botReplies().length;
      await say('maya', 'looks good to me');
      await say('maya', '@godwit dance');
      await vi.waitFor(() => expect(botReplies().length).toBe(before + 1), WAIT);
      const reply = botReplies().at(-1)!.body;
      for (const cmd of ['rebase', 'retry', 'fix <instructions>', 'close', 'explain']) expect(reply).toContain(`@godwit ${cmd}`);
    });

    it('rebase: re-runs the migration on the moved base and force-pushes', async () => {
      const branch = h.fake.pullOf(repo, number).head;
      const before = h.fake.branchSha(repo, branch)!;
      const base = h.fake.pushCommit(repo, 'main', { 'README.md': '# commands\n\nThe base moved on.\n' });
      const replies = botReplies().length;
      const asked = await say('maya', '@godwit rebase');
      await vi.waitFor(async () => expect((await h.followUp(repo, number))?.commands.at(-1)?.commentId).toBe(asked.comment.id), WAIT);
      expect(botReplies().length).toBe(replies + 1);
      expect(botReplies().at(-1)!.body).toMatch(/^@maya re-ran the migration on the current `main`: \*\*unverified\*\*.* PR: updated/);
      const after = h.fake.branchSha(repo, branch)!;
      expect(after).not.toBe(before);
      expect(isAncestor(base, after)).toBe(true); // on the new base
      expect(isAncestor(before, after)).toBe(false); // rewritten: force-pushed
      expect(h.fake.fileAt(repo, after, 'src/greet.ts')).toContain('Hi ${n}');
      expect((await h.followUp(repo, number))?.commands.at(-1)).toMatchObject({ command: 'rebase', outcome: 'done', author: 'maya' });
    });

    it('retry: re-runs the migration and resets the CI-fix budget of a PR handed to humans', async () => {
      await h.ctx.redis.set(
        followUpKey(h.ctx.keys, repo, number),
        JSON.stringify({ ...(await h.followUp(repo, number)), needsHuman: true, handledShas: [h.fake.branchSha(repo, 'godwit/greeting-hi')] }),
      );
      const replies = botReplies().length;
      const asked = await say('maya', '@godwit retry');
      await vi.waitFor(async () => expect((await h.followUp(repo, number))?.commands.at(-1)?.commentId).toBe(asked.comment.id), WAIT);
      expect(botReplies().length).toBe(replies + 1);
      expect(botReplies().at(-1)!.body).toMatch(/^@maya re-ran the migration: \*\*unverified\*\*/);
      const record = (await h.followUp(repo, number))!;
      expect(record.commands.at(-1)).toMatchObject({ command: 'retry', outcome: 'done' });
      expect(record).toMatchObject({ needsHuman: false, handledShas: [], ciBudgetFrom: record.ciRounds.length });
    });

    it('does not rebase over a human commit and says why', async () => {
      h.fake.pushHumanCommit(repo, 'godwit/greeting-hi');
      const before = botReplies().length;
      await say('maya', '@godwit rebase');
      await vi.waitFor(() => expect(botReplies().length).toBe(before + 1), WAIT);
      expect(botReplies().at(-1)!.body).toMatch(/did not rebase: the branch has commits by someone else \(\w+ Ada Human <ada@example.com>\)/);
    });

    it('close: closes the PR, deletes the branch and marks the repository skipped in the campaign', async () => {
      await say('maya', '@godwit close');
      await vi.waitFor(() => expect(h.fake.pullOf(repo, number).state).toBe('closed'), WAIT);
      await vi.waitFor(async () => expect((await h.ctx.store.getRepo(h.campaignId, key))?.status).toBe('skipped'), WAIT);
      expect(h.fake.deletedBranches).toContain(`${repo}#godwit/greeting-hi`);
      expect(h.fake.branchSha(repo, 'godwit/greeting-hi')).toBeUndefined();
      expect((await h.ctx.store.getRepo(h.campaignId, key))?.reason).toContain('closed by @maya');
      expect(h.fake.violations).toEqual([]);
    });

    it('the dashboard lists the commands received and the merge state of the repository', async () => {
      await vi.waitFor(async () => expect((await h.followUp(repo, number))?.commands.at(-1)?.command).toBe('close'), WAIT);
      const page = await h.repositoryPage(key);
      const table = /<table[^>]*data-testid="commands"[^>]*>([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
      const rows = [...table.matchAll(/<td>@(\w+)<\/td><td><code>(\w+)<\/code><\/td><td><span class="badge cmd-(\w+)">/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
      expect(rows).toEqual(['maya explain done', 'otto close refused', 'otto rebase refused', 'maya dance unknown', 'maya rebase done', 'maya retry done', 'maya rebase refused', 'maya close done']);
      expect(page).toMatch(/data-testid="merge-state">/);
    });
  });

  it('leaks no secret (token, App key, minted installation tokens) into Redis, comments, PRs, logs, files or git history', async () => {
    expect(await h.leaks()).toEqual([]);
  });
});
