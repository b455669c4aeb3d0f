/**
 * The CI feedback loop end to end: godwit's PR (opened by the real pipeline) goes red on the
 * fake GitHub's CI with a job log naming a type error the local verifiers did not run; the
 * check_suite webhook reaches the follow-up worker (BullMQ, real Redis), which fetches the job
 * log through the real Octokit, trims it, runs one agent round (the real openai SDK against
 * the scripted endpoint) on the PR branch through the gate and pushes; the next CI run is
 * green and nothing more happens. A PR whose CI stays red gets `ci.maxRounds` rounds, then
 * the needs-human label and one comment with the last failure. `@godwit fix <instructions>` from
 * a user with write access is one agent round on the branch, pushed and answered. Once with a personal token and
 * once as a GitHub App (installation tokens minted by the fake; the key leaks nowhere).
 */
import type { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMigrationDefinition } from '../../../../src/catalog/registry.js';
import type { LoadedMigration } from '../../../../src/catalog/definition.js';
import { followUpRunOfRepo } from '../../../../src/queue/followup-store.js';
import { runReportSchema } from '../../../../src/report/run-report.js';
import { reply, type RecordedRequest, type ScriptedReply } from '../../../support/fake-openai/server.js';
import { useFakeOpenAI } from '../../../support/fake-openai/use.js';
import { SECRET, startHarness, type AuthMode, type Harness } from './harness.js';

const LONG = 600_000;
const LLM_KEY = 'sk-ci-loop-PLANTED-llm-key-0123456789';

const GREET = 'export function greet(name: string): string {\n  return `Hello ${name}`;\n}\n';
const SHOUT = "import { greet } from './greet.js';\n\nexport const shout = (name: string): string => greet(name).toUpperCase();\n";

/** The migration changes greet's signature but forgets its callers; its local checks are off. */
function optionsMigration(): LoadedMigration {
  return loadMigrationDefinition(
    {
      id: 'greet-options',
      title: 'greet takes an options object',
      description: 'API change.',
      codemod: (project: Project) => {
        for (const file of project.getSourceFiles()) {
          if (!file.getFilePath().endsWith('/src/greet.ts')) continue;
          file.replaceWithText(file.getFullText().replace('greet(name: string)', 'greet({ name }: { name: string })'));
        }
      },
      verify: { typecheck: false, lint: false, test: false, requireGreenBaseline: false, allowUnverified: true },
      agent: { maxIterations: 3, judge: 'off' },
      pr: { title: 'greet takes an options object', labels: ['godwit'] },
    },
    undefined,
  );
}

/** A GitHub Actions job log as the Actions API serves it: timestamps, groups, colours. */
function actionsLog(errors: string[]): string {
  const t = (s: number) => `2026-03-02T10:00:${String(s).padStart(2, '0')}.1234567Z`;
  return [
    `${t(1)} ##[group]Run actions/checkout@v4`,
    `${t(2)} Syncing repository: acme/ci`,
    `${t(3)} ##[endgroup]`,
    `${t(3)} ##[group]Run npm ci`,
    ...Array.from({ length: 40 }, (_, i) => `${t(3)} npm http fetch GET 200 https://registry.npmjs.org/pkg-${i} 12ms (cache hit)`),
    `${t(3)} added 812 packages in 14s`,
    `${t(3)} ##[endgroup]`,
    `${t(4)} ##[group]Run npx tsc --noEmit`,
    `${t(4)} shell: /usr/bin/bash -e {0}`,
    `${t(4)} env:`,
    `${t(4)}   NODE_VERSION: 20`,
    `${t(5)} npx tsc --noEmit`,
    ...errors.map((e, i) => `${t(6 + i)} \u001b[96m${e}\u001b[0m`),
    `${t(20)} ##[error]Process completed with exit code 2.`,
    `${t(21)} Post job cleanup.`,
  ].join('\n');
}

const TYPE_ERROR = "src/shout.ts(3,56): error TS2345: Argument of type 'string' is not assignable to parameter of type '{ name: string; }'.";

/** The repository's CI: a tsc job that finds greet called with a string while it takes options. */
function ciOf(read: (file: string) => string | undefined) {
  const takesOptions = read('src/greet.ts')?.includes('{ name }: { name: string }') ?? false;
  const callsWithString = /greet\(name\)/.test(read('src/shout.ts') ?? '');
  const red = takesOptions && callsWithString;
  return [
    { name: 'typecheck', conclusion: red ? ('failure' as const) : ('success' as const), log: red ? actionsLog([TYPE_ERROR]) : actionsLog([]).replace(/##\[error\].*/, 'Done.') },
    { name: 'lint', conclusion: 'success' as const, log: 'ok' },
  ];
}

const AREA_ERROR = "src/area.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.";
/** A CI that stays red whatever the agent does (the integration job needs a service godwit cannot see). */
function redCi() {
  return [{ name: 'integration', conclusion: 'failure' as const, log: actionsLog([AREA_ERROR, 'FAIL test/integration.test.ts > area > is a number']) }];
}

function userText(req: RecordedRequest): string {
  return req.body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('\n');
}

describe.each<AuthMode>(['token', 'app'])('CI feedback loop (%s)', (auth) => {
  let h: Harness;
  const llm = useFakeOpenAI('all');
  const rounds: Array<{ failure: string }> = [];

  beforeAll(async () => {
    llm.onRequest((req): ScriptedReply => {
      const text = userText(req);
      rounds.push({ failure: text });
      if (text.includes('A reviewer with write access asked')) {
        return reply.tools([
          { name: 'edit_file', arguments: { path: 'src/greet.ts', search: 'export function greet', replace: 'export const farewell = (name: string): string => `Bye ${name}`;\n\nexport function greet' } },
          { name: 'finish', arguments: { report: 'Added farewell next to greet, as the reviewer asked.' } },
        ]);
      }
      if (text.includes('TS2345')) {
        return reply.tools([
          { name: 'edit_file', arguments: { path: 'src/shout.ts', search: 'greet(name).toUpperCase()', replace: 'greet({ name }).toUpperCase()' } },
          { name: 'finish', arguments: { report: 'Called greet with the options object in src/shout.ts, as CI asked.' } },
        ]);
      }
      // The red-forever PR: a plausible change that does not make CI green.
      const n = rounds.length;
      return reply.tools([
        { name: 'edit_file', arguments: { path: 'src/area.ts', search: 'export const area', replace: `// attempt ${n}\nexport const area` } },
        { name: 'finish', arguments: { report: `Attempt ${n}: made area a number.` } },
      ]);
    });
    h = await startHarness({
      auth,
      migration: optionsMigration(),
      config: { llm: { baseUrl: llm.baseUrl, apiKey: LLM_KEY, model: 'fake-model', maxRetries: 0, timeoutMs: 30_000 }, ci: { maxRounds: 2, maxLogChars: 12_000 } },
    });
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('a red CI naming a type error gets one agent round that fixes it, pushes, and the next run is green', async () => {
    const { repo, number, key } = await h.addRepoWithPr('ci-fix', { 'src/greet.ts': GREET, 'src/shout.ts': SHOUT });
    const pr = () => h.fake.pullOf(repo, number);
    const head1 = h.fake.branchSha(repo, pr().head)!;
    expect(h.fake.fileAt(repo, head1, 'src/greet.ts')).toContain('{ name }: { name: string }');
    h.fake.runCi(repo, h.fake.branchSha(repo, 'main')!, ciOf); // green on the base
    const [red] = h.fake.runCi(repo, head1, ciOf);
    expect(red!.conclusion).toBe('failure');

    const before = llm.requests.length;
    const [out] = await h.deliver('check_suite', { repo, pull: number, conclusion: 'failure' });
    expect(out!.ci?.action, JSON.stringify(out)).toBe('round');
    expect(out!.ci?.round?.outcome, JSON.stringify(out!.ci)).toBe('pushed');
    expect(out!.ci?.round?.checks).toEqual(['typecheck']);
    expect(llm.requests.length - before).toBe(1); // one agent request: edit + finish

    // The agent saw the failing part of the job log, cleaned: the type error, no timestamps or colours.
    const prompt = userText(llm.requests[before]!);
    expect(prompt).toContain(TYPE_ERROR);
    expect(prompt).toContain('CI check "typecheck"');
    expect(prompt).not.toMatch(/2026-03-02T10:00:\d\d\.1234567Z/);
    expect(prompt).not.toContain('\u001b[');
    expect(prompt).not.toContain('registry.npmjs.org'); // trimmed to the failing part
    expect(prompt).not.toContain('added 812 packages');

    const head2 = h.fake.branchSha(repo, pr().head)!;
    expect(head2).not.toBe(head1);
    expect(h.fake.fileAt(repo, head2, 'src/shout.ts')).toContain('greet({ name }).toUpperCase()');
    expect(out!.ci?.round?.commit).toBe(head2);

    // The next CI run, on the pushed head, is green; its check_suite ends the loop.
    const [green] = h.fake.runCi(repo, head2, ciOf);
    expect(green!.conclusion).toBe('success');
    const [after] = await h.deliver('check_suite', { repo, pull: number, conclusion: 'success' });
    expect(after!.ci).toMatchObject({ action: 'none', reason: 'checks are success' });
    expect(llm.requests.length - before).toBe(1);
    expect(h.fake.branchSha(repo, pr().head)).toBe(head2);
    // A redelivered red event for the old head changes nothing either.
    const [stale] = await h.deliver('check_suite', { repo, pull: number, conclusion: 'failure' });
    expect(stale!.ci?.action).toBe('none');

    const record = (await h.followUp(repo, number))!;
    expect(record.ciRounds.map((r) => [r.round, r.outcome, r.headSha, r.commit])).toEqual([[1, 'pushed', head1, head2]]);
    expect(record.needsHuman).toBe(false);
    expect(pr().labels.map((l) => l.name)).not.toContain('godwit:needs-human');
    expect(h.fake.commentsOn(repo, number).filter((c) => c.user === 'godwit-bot[bot]')).toEqual([]);
    // The campaign's repository records the round's run (unverified: this migration has no local checks; CI judges).
    const stored = await h.ctx.store.getRepo(h.campaignId, key);
    expect(stored).toMatchObject({ status: 'unverified', pr: { number, action: 'updated' } });

    // The dashboard's repository page shows the round.
    const page = await h.repositoryPage(key);
    const rounds = /<table[^>]*data-testid="ci-rounds"[^>]*>([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
    expect(rounds.match(/<tr><td>/g)).toHaveLength(1);
    expect(rounds).toContain(head1.slice(0, 12));
    expect(rounds).toContain(head2.slice(0, 12));
    expect(rounds).toContain('typecheck');
    expect(rounds).toMatch(/badge ci-pushed">pushed</);
    // … and the round's own RunReport (its agent transcript), which lists the CI rounds.
    expect(page).toContain('Called greet with the options object in src/shout.ts');
    const report = runReportSchema.parse(await followUpRunOfRepo(h.ctx.redis, h.ctx.keys, h.campaignId, key));
    expect(report.ciRounds?.map((r) => [r.round, r.outcome, r.commit])).toEqual([[1, 'pushed', head2]]);
    expect(report.pr?.commit).toBe(head2);
    expect(h.fake.violations).toEqual([]);
  }, LONG);

  it('@godwit fix: a write user\'s instructions become one agent round, pushed and answered; without instructions or write access, nothing runs', async () => {
    const { repo, number } = await h.addRepoWithPr('fix-command', { 'src/greet.ts': GREET });
    h.fake.setPermission(repo, 'maya', 'write');
    h.fake.setPermission(repo, 'otto', 'read');
    const branch = h.fake.pullOf(repo, number).head;
    const head1 = h.fake.branchSha(repo, branch)!;
    const bot = () => h.fake.commentsOn(repo, number).filter((c) => c.user === 'godwit-bot[bot]');
    const say = async (user: string, body: string) => {
      const comment = h.fake.addComment(repo, number, user, body);
      const res = await h.fake.deliver(h.webhook.url, SECRET, 'issue_comment', h.fake.webhookPayload('issue_comment', { repo, pull: number, comment }));
      expect(res.status).toBeLessThan(300);
      await vi.waitFor(async () => expect((await h.followUp(repo, number))?.commands.at(-1)?.commentId).toBe(comment.id), { timeout: 120_000, interval: 250 });
      return (await h.followUp(repo, number))!.commands.at(-1)!;
    };
    const before = llm.requests.length;

    expect(await say('otto', '@godwit fix add a farewell function')).toMatchObject({ command: 'fix', outcome: 'refused' });
    expect(await say('maya', '@godwit fix')).toMatchObject({ command: 'fix', outcome: 'unknown' });
    expect(bot().at(-1)!.body).toMatch(/`fix` needs instructions/);
    expect(llm.requests.length).toBe(before);
    expect(h.fake.branchSha(repo, branch)).toBe(head1);

    expect(await say('maya', '@godwit fix add a farewell function next to greet')).toMatchObject({ command: 'fix', outcome: 'done', author: 'maya' });
    expect(llm.requests.length - before).toBe(1);
    expect(userText(llm.requests[before]!)).toContain('add a farewell function next to greet');
    const head2 = h.fake.branchSha(repo, branch)!;
    expect(head2).not.toBe(head1);
    expect(h.fake.fileAt(repo, head2, 'src/greet.ts')).toContain('export const farewell');
    expect(bot().at(-1)!.body).toMatch(/^@maya fix round: /);
    expect(h.fake.violations).toEqual([]);
  }, LONG);

  it('a PR that keeps failing stops after ci.maxRounds with the label and one comment', async () => {
    const { repo, number } = await h.addRepoWithPr('ci-red', { 'src/greet.ts': GREET, 'src/area.ts': "export const area: number = '4';\n" });
    const pr = () => h.fake.pullOf(repo, number);
    const heads: string[] = [h.fake.branchSha(repo, pr().head)!];
    const before = llm.requests.length;

    for (let round = 1; round <= 2; round++) {
      h.fake.runCi(repo, heads.at(-1)!, redCi);
      const [out] = await h.deliver('check_suite', { repo, pull: number, conclusion: 'failure' });
      expect(out!.ci?.round?.outcome, JSON.stringify(out!.ci)).toBe('pushed');
      expect(out!.ci?.round?.round).toBe(round);
      const head = h.fake.branchSha(repo, pr().head)!;
      expect(heads).not.toContain(head);
      heads.push(head);
    }
    expect(llm.requests.length - before).toBe(2);

    h.fake.runCi(repo, heads.at(-1)!, redCi);
    const [last] = await h.deliver('check_suite', { repo, pull: number, conclusion: 'failure' });
    expect(last!.ci?.action, JSON.stringify(last!.ci)).toBe('needs-human');
    expect(last!.ci?.reason).toMatch(/godwit tried 2 round\(s\) \(ci.maxRounds = 2\)/);
    expect(llm.requests.length - before).toBe(2); // no third round
    expect(h.fake.branchSha(repo, pr().head)).toBe(heads.at(-1));
    expect(pr().labels.map((l) => l.name)).toContain('godwit:needs-human');
    const bot = () => h.fake.commentsOn(repo, number).filter((c) => c.user === 'godwit-bot[bot]');
    expect(bot()).toHaveLength(1);
    expect(bot()[0]!.body).toContain('this PR needs a human');
    expect(bot()[0]!.body).toContain(AREA_ERROR);
    expect(bot()[0]!.body).toContain('@godwit retry');

    // The same red head delivered again: no new comment, no round.
    await h.deliver('check_suite', { repo, pull: number, conclusion: 'failure' });
    expect(bot()).toHaveLength(1);
    expect(llm.requests.length - before).toBe(2);
    const record = (await h.followUp(repo, number))!;
    expect(record.ciRounds.map((r) => r.outcome)).toEqual(['pushed', 'pushed', 'needs-human']);
    expect(record.needsHuman).toBe(true);
    expect(h.fake.violations).toEqual([]);
  }, LONG);

  it('leaks no secret (token, LLM key) into Redis, comments, PRs, logs, files or git history', async () => {
    expect(await h.leaks()).toEqual([]);
    const everywhere = [JSON.stringify(h.fake.requests.map((r) => r.body ?? '')), h.logs.join('\n'), ...h.fake.comments.map((c) => c.body)].join('\n');
    expect(everywhere).not.toContain(LLM_KEY);
  });
});
