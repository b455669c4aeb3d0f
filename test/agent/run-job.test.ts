/**
 * The agent through the real pipeline (runJob) and the CLI: real git clone, real tsc and
 * vitest in the gate, the real openai SDK against the scripted server over real HTTP.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrationDefinition } from '../../src/catalog/registry.js';
import type { LoadedMigration, MigrationInput } from '../../src/catalog/definition.js';
import { configSchema } from '../../src/config/schema.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { runReportSchema } from '../../src/report/run-report.js';
import { copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { SECRET_KEY } from './fixtures.js';

const FILES: Record<string, string> = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/use.ts': "import { add } from './math.js';\n\nexport const three: number = add(1, 2);\n",
  'test/math.test.ts': "import { describe, expect, it } from 'vitest';\nimport { add } from '../src/math.js';\n\ndescribe('math', () => {\n  it('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n  it('adds negatives', () => {\n    expect(add(-1, -2)).toBe(-3);\n  });\n});\n",
};

/** The test file with add → sum in code only: the tests keep their names (a renamed test is a missing one to the gate). */
const renamedTest = (): string => FILES['test/math.test.ts']!.replaceAll('{ add }', '{ sum }').replaceAll('add(', 'sum(');

let env: TestEnv;
let template: string;
const fake = useFakeOpenAI();

beforeAll(() => {
  env = createTestEnv();
  template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'agent-fixture', builtinImports: false, eslint: false, files: FILES });
});
afterAll(() => env.cleanup());

function promptMigration(overrides: Partial<MigrationInput> = {}): LoadedMigration {
  const promptFile = path.join(env.root, 'rename-prompt.md');
  writeFileSync(promptFile, 'Rename the function `add` in src/math.ts to `sum`, and update every caller.\n');
  return loadMigrationDefinition(
    {
      id: 'rename-add',
      title: 'Rename add to sum',
      description: 'prompt-only test migration',
      prompt: promptFile,
      verify: { typecheck: true, lint: false, test: true },
      agent: { maxIterations: 4, judge: 'off' },
      pr: { title: 'Rename add to sum' },
      ...overrides,
    },
    undefined,
  );
}

function llmConfig() {
  return configSchema.parse({
    ...env.config,
    llm: { baseUrl: fake.baseUrl, apiKey: SECRET_KEY, model: 'fake-model', maxRetries: 1, timeoutMs: 10_000, prices: { 'fake-model': { input: 1, output: 4 } } },
  });
}

describe('agent stage through runJob', () => {
  it('compile error fed back, fixed in iteration 2 → verified, usage of both requests in the report', async () => {
    const repo = copyFixture(template, env);
    fake.enqueue(
      reply.tool('edit_file', { path: 'src/math.ts', search: 'export function add(', replace: 'export function sum(' }, { prompt_tokens: 700, completion_tokens: 30 }),
      reply.tools(
        [
          { name: 'edit_file', arguments: { path: 'src/use.ts', search: "import { add } from './math.js';\n\nexport const three: number = add(1, 2);", replace: "import { sum } from './math.js';\n\nexport const three: number = sum(1, 2);" } },
          { name: 'read_file', arguments: { path: 'test/math.test.ts', startLine: null, endLine: null } },
          { name: 'create_file', arguments: { path: 'test/math.test.ts', content: renamedTest() } },
          { name: 'finish', arguments: { report: 'Renamed add → sum in src/math.ts, src/use.ts and the test.' } },
        ],
        { prompt_tokens: 900, completion_tokens: 60 },
      ),
    );
    const report = await runJob({ migration: promptMigration(), repo, config: llmConfig(), dryRun: true, install: false });
    runReportSchema.parse(report);
    expect(report.status, report.reason).toBe('verified');
    expect(report.stages.map((s) => `${s.name}:${s.status}`)).toContain('agent:ok');
    expect(report.agent?.iterations).toHaveLength(2);
    const second = fake.chatRequests[1]!.body.messages.map((m) => String(m.content ?? '')).join('\n');
    expect(second).toMatch(/src\/use\.ts:1:\d+ - error TS(2305|2724)/);
    expect(report.usage).toMatchObject({ requests: 2, promptTokens: 1600, completionTokens: 90, totalTokens: 1690 });
    expect(report.usage.costUsd).toBeCloseTo((1600 * 1 + 90 * 4) / 1e6, 12);
    expect(report.agent?.finalReport).toContain('Renamed add → sum');
    expect(report.agent?.model).toBe('fake-model');
    expect(report.final.map((r) => `${r.kind}:${r.status}`)).toEqual(['typecheck:pass', 'test:pass']);
    expect(report.diff).toContain('+export function sum(');
    expect(JSON.stringify(report)).not.toContain(SECRET_KEY);
  });

  it('a model that skips a failing test gets a guard finding and the run fails', async () => {
    const repo = copyFixture(template, env);
    fake.enqueue(
      reply.tools([
        // Breaks behaviour, then hides the failing test instead of fixing it.
        { name: 'edit_file', arguments: { path: 'src/math.ts', search: 'return a + b;', replace: 'return a - b;' } },
        { name: 'edit_file', arguments: { path: 'test/math.test.ts', search: "  it('adds', () => {", replace: "  it.skip('adds', () => {" } },
        { name: 'edit_file', arguments: { path: 'test/math.test.ts', search: "  it('adds negatives', () => {", replace: "  it.skip('adds negatives', () => {" } },
        { name: 'finish', arguments: { report: 'done' } },
      ]),
    );
    const report = await runJob({ migration: promptMigration(), repo, config: llmConfig(), dryRun: true, install: false });
    expect(report.status).toBe('failed');
    const guards = report.guards.map((g) => g.guard);
    expect(guards).toContain('skipped-tests');
    expect(guards).toContain('fewer-tests');
    expect(report.reason).toMatch(/guard skipped-tests/);
  });

  it('without a configured model, an LLM migration fails fast (before cloning) with exit 2 naming the variables', async () => {
    const repo = copyFixture(template, env);
    const report = await runJob({ migration: promptMigration(), repo, config: env.config, dryRun: true });
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('llm-not-configured');
    expect(report.stages).toEqual([]);
    expect(report.error?.hint).toMatch(/GODWIT_MODEL/);
    expect(report.error?.hint).toMatch(/OPENAI_API_KEY/);
    expect(report.error?.hint).toMatch(/OPENAI_BASE_URL/);

    const promptFile = path.join(env.root, 'change.md');
    writeFileSync(promptFile, '# Rename add\n\nRename `add` to `sum`.\n');
    const out: string[] = [];
    const io: Io = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false };
    const code = await withEnv({ GODWIT_WORKDIR: env.workdir, GODWIT_MODEL: undefined, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined }, () =>
      main(['node', 'godwit', 'run', repo, '--prompt-file', promptFile], io),
    );
    expect(code).toBe(2);
    expect(out.join('\n')).toMatch(/GODWIT_MODEL/);
    expect(git(repo, 'branch', '--list', 'godwit/*')).toBe('');
  });

  it('godwit run --prompt-file <file> <repo> runs a prompt-only migration with the agent', async () => {
    const repo = copyFixture(template, env);
    const promptFile = path.join(env.root, 'swap.md');
    writeFileSync(promptFile, '# Swap operands\n\nIn src/math.ts, write `b + a` instead of `a + b`.\n');
    fake.enqueue(
      reply.tools([
        { name: 'read_file', arguments: { path: 'src/math.ts', startLine: null, endLine: null } },
      ]),
      reply.tools([
        { name: 'edit_file', arguments: { path: 'src/math.ts', search: 'return a + b;', replace: 'return b + a;' } },
        { name: 'finish', arguments: { report: 'Swapped the operands.' } },
      ]),
      { content: '{"verdict": "pass", "reasons": ["does what the prompt asks"]}' },
    );
    const out: string[] = [];
    const io: Io = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false };
    const code = await withEnv(
      { GODWIT_WORKDIR: env.workdir, GODWIT_MODEL: 'fake-model', OPENAI_API_KEY: SECRET_KEY, OPENAI_BASE_URL: fake.baseUrl },
      () => main(['node', 'godwit', 'run', repo, '--prompt-file', promptFile, '--json', '--dry-run', '--no-install'], io),
    );
    const report = runReportSchema.parse(JSON.parse(out.join('\n')));
    expect(report.status, report.reason).toBe('verified');
    expect(code).toBe(0);
    expect(report.migration.id).toBe('ad-hoc');
    expect(report.agent?.iterations).toHaveLength(1);
    expect(report.judge).toMatchObject({ mode: 'veto', verdict: 'pass' });
    expect(report.usage.requests).toBe(3);
    // The tool result of read_file went back to the model with line numbers.
    const toolMsg = fake.chatRequests[1]!.body.messages.find((m) => m.role === 'tool');
    expect(String(toolMsg?.content)).toContain('    2|   return a + b;');
    expect(out.join('\n')).not.toContain(SECRET_KEY);
  });

  it('after a codemod that leaves the repository red, the agent gets the failures and fixes them', async () => {
    const repo = copyFixture(template, env);
    const loaded = promptMigration({
      codemod: (project) => {
        // Renames the declaration only: callers break, which the agent must fix.
        const fn = project.getSourceFileOrThrow((f) => f.getFilePath().endsWith('/src/math.ts')).getFunctionOrThrow('add');
        fn.getNameNodeOrThrow().replaceWithText('sum');
      },
    });
    fake.enqueue(
      reply.tools([
        { name: 'edit_file', arguments: { path: 'src/use.ts', search: "import { add } from './math.js';\n\nexport const three: number = add(1, 2);", replace: "import { sum } from './math.js';\n\nexport const three: number = sum(1, 2);" } },
        { name: 'read_file', arguments: { path: 'test/math.test.ts', startLine: null, endLine: null } },
        { name: 'create_file', arguments: { path: 'test/math.test.ts', content: renamedTest() } },
        { name: 'finish', arguments: { report: 'Updated the callers of sum.' } },
      ]),
    );
    const report = await runJob({ migration: loaded, repo, config: llmConfig(), dryRun: true, install: false });
    expect(report.status, report.reason).toBe('verified');
    expect(report.stages.map((s) => `${s.name}:${s.status}`)).toEqual(expect.arrayContaining(['codemod:ok', 'agent:ok', 'gate:ok']));
    const first = fake.chatRequests[0]!.body.messages.map((m) => String(m.content ?? '')).join('\n');
    expect(first).toMatch(/# Current failures\n\nsrc\/use\.ts:1:\d+ - error TS(2305|2724)/);
    expect(report.agent?.iterations).toHaveLength(1);
  });

  it('without a configured model, a codemod that leaves the repository red is judged by the gate alone (no check in the agent stage)', async () => {
    const repo = copyFixture(template, env);
    const loaded = promptMigration({
      codemod: (project) => {
        const fn = project.getSourceFileOrThrow((f) => f.getFilePath().endsWith('/src/math.ts')).getFunctionOrThrow('add');
        fn.getNameNodeOrThrow().replaceWithText('sum');
      },
    });
    const report = await runJob({ migration: loaded, repo, config: env.config, dryRun: true, install: false });
    const agent = report.stages.find((s) => s.name === 'agent');
    // Skipped before any check of the changed files: nothing could act on its result.
    expect(agent?.status).toBe('skipped');
    expect(agent?.summary).toMatch(/no LLM configured; the gate checks the codemod's change/);
    expect(report.status).toBe('failed');
    expect(report.final.find((v) => v.kind === 'typecheck')?.status).toBe('fail');
    expect(fake.chatRequests).toHaveLength(0);
  });

  it('iteration cap without any applied edit → failed (not no-changes), every iteration in the report', async () => {
    const repo = copyFixture(template, env);
    fake.onRequest(() => reply.tool('edit_file', { path: '../outside.txt', search: 'a', replace: 'b' }));
    const report = await runJob({ migration: promptMigration({ agent: { maxIterations: 2, judge: 'off' } }), repo, config: llmConfig(), dryRun: true, install: false });
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/the agent made no change: iteration cap reached \(2\)/);
    expect(report.agent?.iterations.map((i) => [i.index, i.editsApplied, i.editsRefused])).toEqual([
      [1, 0, 1],
      [2, 0, 1],
    ]);
    expect(report.stages.map((s) => s.name)).not.toContain('gate');
  });
});

async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
