/**
 * `godwit worker` processes SIGKILLed again and again, each time during a different stage
 * (prepare/install, baseline, codemod, gate, publish), while a campaign of real repositories
 * runs with the real pipeline. Afterwards every repository is in exactly one final state, has
 * one `godwit/<id>` branch holding one commit and at most one PR record, and every job
 * completed exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueContext } from '../../src/queue/context.js';
import { subscribeCampaignEvents, type CampaignEvent } from '../../src/queue/events.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { LIVE_STATUSES } from '../../src/queue/schemas.js';
import { GODWIT_ROOT, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { fastQueueConfig, openTestContext } from '../queue/helpers.js';
import { MATH_FILES, until } from './helpers.js';

let env: TestEnv;
let redis: TestRedis;
let ctx: QueueContext;
const children: ChildProcess[] = [];

// The dead worker's lock expires 8 s after its last renewal; the next worker checks every second.
const QUEUE = { attempts: 3, backoffMs: 100, lockDurationMs: 8_000, stalledIntervalMs: 1000, completedRetentionSeconds: 3600 };
const BRANCH = 'godwit/node-protocol-imports';

beforeAll(async () => {
  env = createTestEnv();
  redis = await useTestRedis();
  ctx = await openTestContext(redis, fastQueueConfig({ queue: QUEUE }));
  writeFileSync(path.join(env.root, 'godwit.config.json'), JSON.stringify({ queue: QUEUE }));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await ctx?.close();
  await redis?.cleanup();
  env?.cleanup();
});

function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), 'worker'], {
    cwd: env.root,
    env: { ...process.env, ...redis.env, GODWIT_WORKDIR: env.workdir },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Repositories the catalog's node-protocol-imports migration applies to, with slow-ish verifiers (npm scripts). */
function repo(i: number): string {
  return writeFixtureRepo(path.join(env.root, `svc-${i}`), {
    eslint: false,
    packageJson: { scripts: { typecheck: 'node scripts/slow.cjs', test: 'node scripts/slow.cjs' } },
    files: { 'tsconfig.json': null, 'scripts/slow.cjs': 'setTimeout(() => {}, 1500);\n' },
  });
}

describe.skipIf(!process.env.RESILIENCE)('worker SIGKILLed during different stages (RESILIENCE=1)', () => {
  const llm = useFakeOpenAI();

  it('every repository ends in one final state with one branch, one commit, at most one PR; each job completes once', async () => {
    const dirs = Array.from({ length: 4 }, (_, i) => repo(i));
    const { repos } = resolveRepoSources(dirs.map((text) => ({ origin: '--repo', text, cwd: env.root })));
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'node-protocol-imports', repos, install: true });
    const events: CampaignEvent[] = [];
    const sub = subscribeCampaignEvents(ctx, (e) => events.push(e), campaignId);
    await sub.ready;

    const killedIn: string[] = [];
    let worker = spawnWorker();
    for (const stage of ['prepare', 'baseline', 'codemod', 'gate', 'publish']) {
      const hit = await until(`a repository in ${stage}`, async () => {
        const all = (await ctx.store.getCampaignRepos(campaignId)).repos;
        if (all.every((r) => !(LIVE_STATUSES as readonly string[]).includes(r.status))) return 'idle' as const;
        return all.find((r) => r.status === 'running' && r.stage === stage);
      }, 40_000).catch(() => undefined);
      if (!hit || hit === 'idle') continue;
      if (stage !== 'publish') await new Promise((r) => setTimeout(r, 300));
      await kill(worker);
      killedIn.push(`${stage}:${hit.name}`);
      worker = spawnWorker();
    }
    console.info(`[resilience] workers SIGKILLed in: ${killedIn.join(', ')}`);
    expect(killedIn.length, `killed in: ${killedIn.join(', ')}`).toBeGreaterThanOrEqual(3);

    const counts = await until('the campaign to settle', async () => {
      const c = (await ctx.store.getCounts(campaignId)) as Record<string, number>;
      return LIVE_STATUSES.every((s) => !c[s]) ? c : undefined;
    }, 180_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a duplicate completion would arrive here
    await kill(worker);
    await sub.close();

    const records = (await ctx.store.getCampaignRepos(campaignId)).repos;
    const summary = `${JSON.stringify(counts)} killed in ${killedIn.join(', ')}: ${JSON.stringify(records.map((r) => [r.name, r.status, r.reason]))}`;
    expect(records, summary).toHaveLength(4);
    for (const r of records) {
      // One final state each: verified, or error when the same job was killed more often than a stall is tolerated.
      expect(LIVE_STATUSES as readonly string[], summary).not.toContain(r.status);
      if (r.status !== 'verified') expect(r.reason, summary).toMatch(/stalled/);
      const job = await ctx.repoQueue.getJob(r.jobId);
      expect(['completed', 'failed'], summary).toContain(await job?.getState());
      expect(events.filter((e) => e.type === 'completed' && e.jobId === r.jobId).length, `${r.name} completions`).toBeLessThanOrEqual(1);
    }
    expect(counts.verified ?? 0, summary).toBeGreaterThanOrEqual(3);

    for (const dir of dirs) {
      const branches = git(dir, 'branch', '--list', 'godwit/*').split('\n').map((b) => b.trim()).filter(Boolean);
      expect(branches.length, `${dir}: ${branches.join(', ')}`).toBeLessThanOrEqual(1);
      if (branches.length) {
        expect(branches).toEqual([BRANCH]);
        expect(git(dir, 'rev-list', '--count', `main..${BRANCH}`)).toBe('1');
      }
    }
    const prDir = path.join(env.workdir, 'local-prs');
    for (const d of existsSync(prDir) ? readdirSync(prDir) : []) {
      expect(readdirSync(path.join(prDir, d)).filter((f) => f.endsWith('.json')).length, d).toBeLessThanOrEqual(1);
    }
  });

  it('killed during the agent stage (an LLM request in flight): each repository still ends once (unverified: no verifier on purpose), one commit, one PR', async () => {
    // Slow answers: the kill lands while a request is in flight.
    llm.onRequest(async () => {
      await new Promise((r) => setTimeout(r, 2_500));
      return reply.tools([
        { name: 'edit_file', arguments: { path: 'src/math.ts', search: 'export function add(', replace: 'export function sum(' } },
        { name: 'edit_file', arguments: { path: 'src/use.ts', search: "import { add } from './math.js';\n\nexport const three: number = add(1, 2);", replace: "import { sum } from './math.js';\n\nexport const three: number = sum(1, 2);" } },
        { name: 'finish', arguments: { report: 'Renamed add to sum.' } },
      ]);
    });
    const promptFile = path.join(env.root, 'rename.md');
    writeFileSync(promptFile, 'Rename `add` to `sum` everywhere.\n');
    const spawnAgentWorker = (): ChildProcess => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(GODWIT_ROOT, 'test/resilience/support/agent-worker.ts')], {
        cwd: env.root,
        env: { ...process.env, ...redis.env, GODWIT_WORKDIR: env.workdir, OPENAI_BASE_URL: llm.baseUrl, GODWIT_TEST_PROMPT: promptFile, GODWIT_TEST_QUEUE: JSON.stringify(QUEUE) },
        stdio: 'ignore',
      });
      children.push(child);
      return child;
    };
    const dirs = [0, 1].map((i) =>
      writeFixtureRepo(path.join(env.root, `agent-${i}`), { builtinImports: false, eslint: false, packageJson: { scripts: {} }, files: MATH_FILES }),
    );
    const { repos } = resolveRepoSources(dirs.map((text) => ({ origin: '--repo', text, cwd: env.root })));
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'rename-add', repos, install: false, name: 'agent-kills' });
    const killedIn: string[] = [];
    let worker = spawnAgentWorker();
    for (let k = 0; k < 2; k++) {
      const before = llm.chatRequests.length;
      const hit = await until('a repository in the agent stage with a request in flight', async () => {
        const running = (await ctx.store.getCampaignRepos(campaignId)).repos.find((r) => r.status === 'running' && r.stage === 'agent');
        return running && llm.chatRequests.length > before ? running : undefined;
      }, 60_000);
      await kill(worker);
      killedIn.push(`agent:${hit.name}`);
      worker = spawnAgentWorker();
    }
    const counts = await until('the campaign to settle', async () => {
      const c = (await ctx.store.getCounts(campaignId)) as Record<string, number>;
      return LIVE_STATUSES.every((s) => !c[s]) ? c : undefined;
    }, 120_000);
    await kill(worker);
    const records = (await ctx.store.getCampaignRepos(campaignId)).repos;
    expect(counts, `killed in ${killedIn.join(', ')}: ${JSON.stringify(records.map((r) => [r.name, r.status, r.reason]))}`).toEqual({ unverified: 2 });
    for (const dir of dirs) {
      expect(git(dir, 'branch', '--list', 'godwit/*').trim()).toBe('godwit/rename-add');
      expect(git(dir, 'rev-list', '--count', 'main..godwit/rename-add')).toBe('1');
      expect(git(dir, 'show', 'godwit/rename-add:src/math.ts')).toContain('function sum(');
    }
  });
});

