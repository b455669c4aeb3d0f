/**
 * Personas a robust loop recovers from, through the real pipeline (runJob; the scripted
 * endpoint over HTTP with the real openai SDK; real tsc and vitest on a fixture repository):
 * each must end `verified` with exactly the solution's files.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forgetLearnedSettings } from '../../src/agent/model-settings.js';
import type { ContextOverflow } from '../support/fake-openai/personas/context-overflow.js';
import { REASONING_TOKENS, type ReasoningModel } from '../support/fake-openai/personas/reasoning-model.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { createTestEnv, type TestEnv } from '../support/fixture-repo.js';
import { runPersonaCase, writeCaseTemplate } from '../support/persona-case.js';

let env: TestEnv;
let template: string;
const fake = useFakeOpenAI();

beforeAll(() => {
  env = createTestEnv();
  template = writeCaseTemplate(env);
});
afterAll(() => env.cleanup());
afterEach(() => forgetLearnedSettings());

/** What godwit sent back to the model over the whole run (tool results and feedback). */
const told = (): string =>
  fake.chatRequests
    .at(-1)!
    .body.messages.filter((m) => m.role === 'tool' || m.role === 'user')
    .map((m) => String(m.content))
    .join('\n');
const everythingTold = (): string => fake.chatRequests.flatMap((r) => r.body.messages.filter((m) => m.role !== 'assistant').map((m) => String(m.content))).join('\n');

describe('personas godwit recovers from end verified with the right change', () => {
  it('stale-search: whitespace drift is matched, quote drift is answered with the real lines and then fixed', async () => {
    const run = await runPersonaCase(env, template, fake, 'stale-search');
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    const all = everythingTold();
    expect(all).toMatch(/matched ignoring whitespace/);
    expect(all).toMatch(/search text not found \(not even ignoring whitespace\)[\s\S]*import \{ add \} from '\.\/math\.js';/);
  }, 300_000);

  it('blind-edit: a guessed search and a blind overwrite are refused with the file\'s text; the edits from it apply', async () => {
    const run = await runPersonaCase(env, template, fake, 'blind-edit');
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    const all = everythingTold();
    expect(all).toMatch(/You had not read src\/math\.ts; nothing was written\. Its current text follows/);
    expect(all).toMatch(/test\/math\.test\.ts already exists and create_file would replace all of it/);
    expect(all, all.slice(0, 20000)).toContain('expect(add(1, 2)).toBe(3);'); // the returned text
  }, 300_000);

  it('broken-json: malformed arguments, an unknown tool and a stream cut mid-answer → fed back / asked again → verified', async () => {
    const run = await runPersonaCase(env, template, fake, 'broken-json', { stream: true });
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    const all = everythingTold();
    expect(all).toMatch(/arguments of edit_file are not valid JSON/);
    expect(all).toMatch(/unknown tool "apply_patch"/);
    expect(run.report.logs.some((l) => /answer broke off/.test(l.message))).toBe(true);
  }, 300_000);

  it('context-overflow: context_length_exceeded is answered by shrinking the history, then the run goes on', async () => {
    const run = await runPersonaCase(env, template, fake, 'context-overflow');
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    expect((run.persona as ContextOverflow).overflows).toBeGreaterThan(0);
    expect(run.report.logs.some((l) => /context window is full/.test(l.message))).toBe(true);
    // After the shrink, the big file's text is no longer resent.
    const last = JSON.stringify(fake.chatRequests.at(-1)!.body.messages);
    expect(last).not.toContain('item-299');
  }, 300_000);

  it('reasoning-model: temperature and max_tokens rejections are learned; reasoning tokens reach the report', async () => {
    const run = await runPersonaCase(env, template, fake, 'reasoning-model');
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    expect((run.persona as ReasoningModel).rejected).toEqual(['temperature', 'max_tokens']);
    const last = fake.chatRequests.at(-1)!.body;
    expect(last.temperature).toBeUndefined();
    expect(last.max_tokens).toBeUndefined();
    expect(last.max_completion_tokens).toBe(8192);
    expect(run.report.usage.reasoningTokens).toBe(REASONING_TOKENS * run.report.usage.requests);
    expect(run.report.logs.some((l) => /rejects "temperature"/.test(l.message))).toBe(true);
  }, 300_000);

  it('quitter: a prose answer gets one nudge, finish with red checks is refused once, then the work is done', async () => {
    const run = await runPersonaCase(env, template, fake, 'quitter');
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    const feedback = run.report.agent!.iterations.map((i) => i.feedback ?? '').join('\n');
    expect(feedback).toMatch(/You answered without calling a tool/);
    expect(feedback).toMatch(/You finished, but godwit's checks of the changed files show NEW errors/);
    expect(feedback).toMatch(/does not accept finish while the checks of the changed files are red/);
    expect(told()).toBeTruthy();
  }, 300_000);

  it('cooperative (control): verified in as many rounds as files', async () => {
    const run = await runPersonaCase(env, template, fake, 'cooperative');
    expect(run.report.status, run.report.reason).toBe('verified');
    expect(run.wrong).toEqual([]);
    expect(run.report.agent!.iterations).toHaveLength(4);
  }, 300_000);
});
