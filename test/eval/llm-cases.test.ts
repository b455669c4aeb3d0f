/**
 * LLM eval cases run the agent against a scripted OpenAI-compatible server (real SDK, real
 * HTTP, real tool-call JSON): the case passes only when the model's edits reach `after`.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_DIR, getMigration } from '../../src/catalog/registry.js';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { runEval } from '../../src/eval/index.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';

// One endpoint for the file: the cases count the requests each of them added.
const fake = useFakeOpenAI('all');
let config: GodwitConfig;

beforeAll(() => {
  config = configSchema.parse({ llm: { baseUrl: fake.baseUrl, apiKey: 'test-key', model: 'fake-model', maxRetries: 0, timeoutMs: 10_000 } });
});

const FILE = 'src/format.ts';
const BEFORE = "exports.pad = (s: string, n: number) => s.padStart(n, ' ');\nexports.money = (cents: number) => exports.pad((cents / 100).toFixed(2), 10);";
const AFTER = "export const pad = (s: string, n: number) => s.padStart(n, ' ');\nexport const money = (cents: number) => pad((cents / 100).toFixed(2), 10);";
const usage = { prompt_tokens: 1000, completion_tokens: 100 };

describe('eval of LLM cases with a model', () => {
  it('runs the agent on needsLlm cases and passes when its edits reach the expected files', async () => {
    fake.enqueue(reply.tool('edit_file', { path: FILE, search: BEFORE, replace: AFTER }, usage), reply.tool('finish', { report: 'exports became local exported consts' }, usage));
    const report = await runEval(await getMigration('commonjs-to-esm'), { config, filter: 'exports-read-back-needs-llm' });
    expect(report.cases.filter((c) => !c.passed).map((c) => `${c.reason}\n${c.diff ?? ''}`)).toEqual([]);
    expect(report.cases.map((c) => [c.name, c.status, c.passed])).toEqual([['exports-read-back-needs-llm', 'verified', true]]);
    expect(report.tokens).toBe(2200);
    expect(report.passRate).toBe(1);
    // The model saw the migration's prompt; only the needsLlm case called it.
    expect(JSON.stringify(fake.chatRequests[0]?.body)).toContain('Convert CommonJS to ES modules');
  });

  it('fails a case whose model output differs, with the diff', async () => {
    const before = fake.chatRequests.length;
    fake.enqueue(
      reply.tool('edit_file', { path: FILE, search: BEFORE, replace: AFTER.replace('pad((cents', 'exports.pad((cents') }, usage),
      reply.tool('finish', { report: 'done' }, usage),
    );
    const report = await runEval(await getMigration('commonjs-to-esm'), {
      config,
      casesDir: path.join(CATALOG_DIR, 'commonjs-to-esm', 'cases'),
      filter: 'exports-read-back',
    });
    const [c] = report.cases;
    expect(c).toMatchObject({ status: 'verified', passed: false });
    expect(c?.diff).toContain('-export const money = (cents: number) => pad(');
    expect(c?.diff).toMatch(/\+\s+exports\.pad\(/);
    expect(report.failed).toBe(1);
    expect(fake.chatRequests.length - before).toBe(2);
  });

  it('never calls the model for deterministic cases', async () => {
    const before = fake.chatRequests.length;
    const report = await runEval(await getMigration('commonjs-to-esm'), { config, filter: 'require-destructuring' });
    expect(report.cases[0]).toMatchObject({ passed: true, tokens: 0 });
    expect(fake.chatRequests.length).toBe(before);
  });
});
