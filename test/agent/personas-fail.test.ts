/**
 * Personas that do not recover, through the real pipeline (runJob; scripted endpoint over
 * HTTP; real tsc and vitest): each must end `failed` with a reason naming the behaviour,
 * within the configured rounds, and never `verified`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS, type PersonaName } from '../support/fake-openai/personas/index.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { createTestEnv, type TestEnv } from '../support/fixture-repo.js';
import { CASE_FILES, runPersonaCase, writeCaseTemplate } from '../support/persona-case.js';

let env: TestEnv;
let template: string;
const fake = useFakeOpenAI();

beforeAll(() => {
  env = createTestEnv();
  template = writeCaseTemplate(env);
});
afterAll(() => env.cleanup());

const MAX_ITERATIONS = 6;
const everythingTold = (): string => fake.chatRequests.flatMap((r) => r.body.messages.filter((m) => m.role !== 'assistant').map((m) => String(m.content))).join('\n');

async function expectFailed(name: PersonaName) {
  const run = await runPersonaCase(env, template, fake, name, { maxIterations: MAX_ITERATIONS });
  const spec = PERSONAS[name].expect;
  expect(run.report.status, run.report.reason).toBe('failed');
  if (spec.status === 'failed') expect(run.report.reason).toMatch(spec.reason);
  expect(run.report.agent!.iterations.length).toBeLessThanOrEqual(MAX_ITERATIONS);
  expect(run.report.stages.map((s) => `${s.name}:${s.status}`)).toContain('agent:failed');
  return run;
}

describe('personas that do not recover end failed with the behaviour named', () => {
  it('looper: the same failing edit is named on its second time and stops the run on its third', async () => {
    const run = await expectFailed('looper');
    expect(everythingTold()).toMatch(/You sent exactly this edit before \(edit_file src\/use\.ts\)/);
    expect(run.report.agent!.iterations.at(-1)!.feedback).toMatch(/godwit stopped the run: loop: the model sent the same edit \(edit_file src\/use\.ts\) 3 times/);
  }, 300_000);

  it('hallucinated-path: invented paths get similar real paths back; a model that never uses them is stopped', async () => {
    const run = await expectFailed('hallucinated-path');
    expect(everythingTold()).toMatch(/src\/lib\/math\.ts does not exist\. Files with a similar path: src\/math\.ts/);
    expect(run.report.reason).toMatch(/src\/lib\/math\.ts/);
    expect(run.report.changedFiles).toEqual([]);
  }, 300_000);

  it('hallucinated-import: an import of a package that is not installed is named, and the same errors stop the run', async () => {
    await expectFailed('hallucinated-import');
    expect(everythingTold()).toMatch(/'mathjs' cannot be resolved: it is not installed in this repository/);
    expect(everythingTold()).toMatch(/same errors as after your previous round/);
  }, 300_000);

  it('scope-creeper: writes outside the scope are refused, named, and stop the run; the file outside is untouched', async () => {
    const run = await expectFailed('scope-creeper');
    expect(run.report.reason).toMatch(/README\.md/);
    expect(everythingTold()).toMatch(/Again an edit outside the migration's scope/);
    expect(run.report.diff ?? '').not.toContain('README.md');
    expect(CASE_FILES['README.md']).toBeTruthy();
  }, 300_000);
});
