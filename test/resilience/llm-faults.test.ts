/**
 * LLM endpoint faults through the real pipeline and the real openai SDK over HTTP: timeouts,
 * 500s, 429 with retry-after, truncated streams, empty choices, a body that is not JSON,
 * invalid JSON in tool arguments and a 10 MB answer. Each ends in a retry that succeeds or in
 * a clear `error`/`failed` with the reason — never a thrown exception, never the key in the report.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../src/agent/index.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import type { QueueContext } from '../../src/queue/context.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import type { RunReport } from '../../src/report/run-report.js';
import { copyFixture, createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { reply, type ScriptedReply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { useTestRedis } from '../support/redis.js';
import { openTestContext, waitForCampaign } from '../queue/helpers.js';
import { llmConfig, MATH_FILES, PLANTED_OPENAI_KEY, promptMigration, runFolders } from './helpers.js';

let env: TestEnv;
let template: string;
const fake = useFakeOpenAI();

beforeAll(() => {
  env = createTestEnv();
  template = writeFixtureRepo(path.join(env.root, 'template'), { builtinImports: false, eslint: false, packageJson: { scripts: {} }, files: MATH_FILES });
});
afterAll(() => env.cleanup());

const RENAME = reply.tools([
  { name: 'edit_file', arguments: { path: 'src/math.ts', search: 'export function add(', replace: 'export function sum(' } },
  { name: 'edit_file', arguments: { path: 'src/use.ts', search: "import { add } from './math.js';\n\nexport const three: number = add(1, 2);", replace: "import { sum } from './math.js';\n\nexport const three: number = sum(1, 2);" } },
  { name: 'finish', arguments: { report: 'Renamed add to sum.' } },
]);

const noVerify = { verify: { typecheck: false, lint: false, test: false, allowUnverified: true } };

async function run(replies: ScriptedReply[], llm: Record<string, unknown> = {}): Promise<RunReport> {
  fake.enqueue(...replies);
  const report = await runJob({ migration: promptMigration(env, noVerify), repo: copyFixture(template, env), config: llmConfig(env, fake.baseUrl, llm), dryRun: true, install: false });
  expect(JSON.stringify(report)).not.toContain(PLANTED_OPENAI_KEY);
  expect(runFolders(env.workdir)).toEqual([]);
  return report;
}

describe('LLM endpoint faults', () => {
  it('an endpoint that never answers times out → error llm-unreachable naming the URL', async () => {
    const started = Date.now();
    const report = await run([{ fault: 'hang' }, { fault: 'hang' }, { fault: 'hang' }], { timeoutMs: 800, maxRetries: 1 });
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('llm-unreachable');
    expect(report.reason).toContain(fake.baseUrl.replace(/\/v1$/, ''));
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a 500 is retried and the run verifies', async () => {
    const report = await run([{ fault: 'server-error', status: 500 }, RENAME]);
    expect(report.status, report.reason).toBe('unverified');
    expect(fake.chatRequests).toHaveLength(2);
  });

  it('500s on every attempt → error with a clear reason (no crash)', async () => {
    const report = await run([{ fault: 'server-error', status: 500 }, { fault: 'server-error', status: 503 }, { fault: 'server-error', status: 502 }]);
    expect(report.status).toBe('error');
    expect(report.error?.code).toMatch(/^llm-/);
    expect(report.error?.hint).toBeTruthy();
  });

  it('a 429 with retry-after is waited out, then the run verifies', async () => {
    const started = Date.now();
    const report = await run([{ fault: 'rate-limit', retryAfterSeconds: 1 }, RENAME]);
    expect(report.status, report.reason).toBe('unverified');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('empty choices and a body that is not JSON end in a clear error or a successful retry', async () => {
    for (const fault of [{ fault: 'empty-choices' }, { fault: 'invalid-body' }] as const) {
      const report = await run([fault, fault, fault]);
      expect(report.status, fault.fault).toBe('error');
      expect(report.error?.code, fault.fault).toMatch(/^llm-/);
      expect(report.reason.length).toBeGreaterThan(10);
      await fake.close();
      await fake.listen();
    }
  });

  it('a truncated stream ends the agent with a clear llm error (streaming client)', async () => {
    fake.enqueue({ fault: 'truncated-stream' }, { fault: 'truncated-stream' }, { fault: 'truncated-stream' });
    const dir = copyFixture(template, env);
    const result = await runAgent({ dir, migration: promptMigration(env, noVerify), config: llmConfig(env, fake.baseUrl), baseline: [], stream: true });
    expect(result.status).toBe('error');
    expect(result.error?.code).toMatch(/^llm-/);
    expect(result.reason).toMatch(/stream|ended|connection|terminated|network/i);
  });

  it('invalid JSON in tool arguments is fed back to the model, which then fixes its call', async () => {
    const report = await run([
      { toolCalls: [{ name: 'edit_file', arguments: '{"path": "src/math.ts", "search": "export function add(", "replace": ' }] },
      RENAME,
    ]);
    expect(report.status, report.reason).toBe('unverified');
    const fedBack = fake.chatRequests[1]!.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)).join('\n');
    expect(fedBack).toMatch(/JSON|arguments/i);
  });

  it('a 10 MB answer: fed back as malformed, no crash; the run recovers; report and transcript stay small', async () => {
    const rss = process.memoryUsage().rss;
    const report = await run([{ fault: 'huge', bytes: 10 * 1024 * 1024 }, RENAME]);
    // A plain answer over the size cap is malformed output: fed back, and the model recovers.
    expect(report.status, report.reason).toBe('unverified');
    expect(report.agent!.iterations[0]!.feedback).toMatch(/characters of text without an edit/);
    expect(String(fake.chatRequests[1]!.body.messages.at(-1)!.content)).toMatch(/characters of text without an edit/);
    expect(report.pr?.action).toBe('dry-run');
    expect(report.agent!.finalReport).toBe('Renamed add to sum.');
    expect(JSON.stringify(report).length).toBeLessThan(1024 * 1024);
    expect(process.memoryUsage().rss - rss).toBeLessThan(500 * 1024 * 1024);
  });

  it('fleet: a worker whose LLM endpoint fails keeps running — the job ends error after its attempts, the next one verifies', async () => {
    const redis = await useTestRedis();
    let ctx: QueueContext | undefined;
    let worker: GodwitWorker | undefined;
    try {
      const config = llmConfig(env, fake.baseUrl, { maxRetries: 0, timeoutMs: 1_000 }, {
        queue: { attempts: 2, backoffMs: 50, stalledIntervalMs: 1000, lockDurationMs: 10_000, completedRetentionSeconds: 3600 },
      });
      const queue = await openTestContext(redis, config);
      ctx = queue;
      const broken = copyFixture(template, env, 'llm-broken');
      const healthy = copyFixture(template, env, 'llm-healthy');
      // Every request of the first campaign fails, each time in a different way.
      const faults: ScriptedReply[] = [{ fault: 'server-error', status: 500 }, { fault: 'hang' }, { fault: 'invalid-body' }, { fault: 'empty-choices' }];
      let calls = 0;
      fake.onRequest(() => faults[calls++ % faults.length]!);
      const migration = promptMigration(env, noVerify);
      worker = startWorker({ ctx: queue, config, runJob, loadMigration: () => Promise.resolve(migration) });
      const campaign = async (dir: string) => {
        const { repos } = resolveRepoSources([{ origin: '--repo', text: dir, cwd: env.root }]);
        const { campaignId } = await enqueueCampaign(queue, { migration: 'rename-add', repos, install: false, dryRun: true, name: path.basename(dir) });
        await waitForCampaign(queue, campaignId, undefined, 90_000);
        return (await queue.store.getCampaignRepos(campaignId)).repos[0]!;
      };
      const first = await campaign(broken);
      expect(first.status).toBe('error');
      expect(first.reason).toMatch(/LLM/);
      expect(first.attempts).toBe(2); // llm errors are retried once (attempts: 2), then final
      // The same worker, still running, takes the next job.
      expect(worker.repoWorker.isRunning()).toBe(true);
      fake.onRequest(() => RENAME);
      const second = await campaign(healthy);
      expect(second.status, second.reason ?? '').toBe('unverified');
    } finally {
      await worker?.close();
      await ctx?.close();
      await redis.cleanup();
    }
  });
});
