import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../src/agent/index.js';
import { parseJudgeAnswer } from '../../src/agent/judge.js';
import { reply, type RecordedRequest } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { config, migration, template } from './fixtures.js';

const fake = useFakeOpenAI();
let tpl: ReturnType<typeof template>;
afterAll(() => tpl.cleanup());
beforeAll(() => {
  tpl = template();
});

const isJudge = (r: RecordedRequest): boolean => r.body.response_format !== undefined;
const verdict = (v: 'pass' | 'fail', reasons: string[]) => reply.text(JSON.stringify({ verdict: v, reasons }));

describe('judge', () => {
  it('veto → one corrective round → verdict recorded as corrected', async () => {
    const dir = tpl.copy();
    fake.enqueue(
      // The agent renames, but also touches an unrelated line.
      reply.tools([
        { name: 'create_file', arguments: { path: 'src/sum.ts', content: "export { add as sum } from './a';\n" } },
        { name: 'edit_file', arguments: { path: 'src/a.ts', search: 'export function add(a: number, b: number): number {\n  return a + b;', replace: 'export function add(a: number, b: number): number {\n  return b + a; // faster' } },
        { name: 'finish', arguments: { report: 'first try' } },
      ]),
      verdict('fail', ['src/a.ts: changes the operand order, which the migration does not ask for']),
      reply.tools([
        { name: 'edit_file', arguments: { path: 'src/a.ts', search: '  return b + a; // faster', replace: '  return a + b;' } },
        { name: 'finish', arguments: { report: 'reverted the unrelated change' } },
      ]),
      verdict('pass', ['only intended changes']),
    );
    const result = await runAgent({ dir, migration: migration({ agent: { judge: 'veto' } }), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('verified');
    expect(result.judge).toEqual({
      mode: 'veto',
      verdict: 'pass',
      corrected: true,
      reasons: ['first review: src/a.ts: changes the operand order, which the migration does not ask for', 'only intended changes'],
    });
    expect(fake.chatRequests.map(isJudge)).toEqual([false, true, false, true]);
    // The judge saw the diff; the agent got the reviewer's reasons.
    const judgeUser = String(fake.chatRequests[1]!.body.messages[1]!.content);
    expect(judgeUser).toContain('+  return b + a; // faster');
    expect(judgeUser).toContain('Rename `add` to `sum`');
    const corrective = fake.chatRequests[2]!.body.messages.at(-1)!;
    expect(String(corrective.content)).toMatch(/reviewer rejected the change:\n- src\/a\.ts: changes the operand order/);
    expect(result.iterations).toHaveLength(2);
    expect(result.finalReport).toBe('reverted the unrelated change');
    expect(result.usage.requests).toBe(4);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toContain('  return a + b;');
    const secondJudge = String(fake.chatRequests[3]!.body.messages[1]!.content);
    expect(secondJudge).toContain('+++ b/src/sum.ts');
    expect(secondJudge).not.toContain('// faster');
  });

  it('a second veto fails the run', async () => {
    const dir = tpl.copy();
    fake.onRequest((req) =>
      isJudge(req)
        ? verdict('fail', ['still wrong'])
        : reply.tools([
            { name: 'create_file', arguments: { path: `src/n${fake.requests.length}.ts`, content: 'export const n = 1;\n' } },
            { name: 'finish', arguments: { report: 'r' } },
          ]),
    );
    const result = await runAgent({ dir, migration: migration({ agent: { judge: 'veto' } }), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/vetoed the change after one corrective round: still wrong/);
    expect(result.judge).toMatchObject({ verdict: 'fail', corrected: true });
    expect(fake.chatRequests).toHaveLength(4);
  });

  it('advise records a fail without changing the outcome; off asks nothing', async () => {
    const dir = tpl.copy();
    fake.enqueue(reply.tools([{ name: 'create_file', arguments: { path: 'src/x.ts', content: 'export {};\n' } }, { name: 'finish', arguments: { report: 'r' } }]), verdict('fail', ['meh']));
    const advised = await runAgent({ dir, migration: migration({ agent: { judge: 'advise' } }), config: config(fake.baseUrl), baseline: [] });
    expect(advised.status).toBe('verified');
    expect(advised.judge).toEqual({ mode: 'advise', verdict: 'fail', reasons: ['meh'], corrected: false });

    fake.enqueue(reply.tools([{ name: 'create_file', arguments: { path: 'src/y.ts', content: 'export {};\n' } }, { name: 'finish', arguments: { report: 'r' } }]));
    const off = await runAgent({ dir: tpl.copy(), migration: migration({ agent: { judge: 'off' } }), config: config(fake.baseUrl), baseline: [] });
    expect(off.judge).toBeUndefined();
    expect(fake.chatRequests).toHaveLength(3);
  });

  it('an unparseable answer is an `error` verdict that does not block', async () => {
    fake.enqueue(reply.tools([{ name: 'create_file', arguments: { path: 'src/x.ts', content: 'export {};\n' } }, { name: 'finish', arguments: { report: 'r' } }]), reply.text('I think it is fine'));
    const result = await runAgent({ dir: tpl.copy(), migration: migration({ agent: { judge: 'veto' } }), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('verified');
    expect(result.judge).toMatchObject({ verdict: 'error', reasons: ['the judge did not answer with a JSON object'] });
  });

  it('parses fenced JSON and rejects answers outside the schema', () => {
    expect(parseJudgeAnswer('```json\n{"verdict":"pass","reasons":[]}\n```')).toEqual({ ok: true, answer: { verdict: 'pass', reasons: [] } });
    expect(parseJudgeAnswer('{"verdict":"maybe","reasons":[]}').ok).toBe(false);
  });
});
