import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../src/agent/index.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { config, migration, SECRET_KEY, template } from './fixtures.js';

const fake = useFakeOpenAI();
let tpl: ReturnType<typeof template>;

beforeAll(() => {
  tpl = template();
});
afterAll(() => tpl.cleanup());

const userTexts = (i: number): string =>
  fake.chatRequests[i]!.body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');

describe('runAgent feedback loop', () => {
  it('feeds a compiler error (code and line) back, then ends verified after the fix with usage summed', async () => {
    const dir = tpl.copy();
    fake.enqueue(
      reply.tool('edit_file', { path: 'src/a.ts', search: 'export function add(', replace: 'export function sum(' }, { prompt_tokens: 1000, completion_tokens: 50 }),
      reply.tools(
        [
          { name: 'edit_file', arguments: { path: 'src/b.ts', search: "import { add } from './a';", replace: "import { sum } from './a';" } },
          { name: 'edit_file', arguments: { path: 'src/b.ts', search: 'add(1, 2)', replace: 'sum(1, 2)' } },
          { name: 'finish', arguments: { report: 'Renamed add to sum in src/a.ts and its caller src/b.ts.' } },
        ],
        { prompt_tokens: 1500, completion_tokens: 80 },
      ),
    );
    const result = await runAgent({ dir, migration: migration(), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('verified');
    expect(result.iterations).toHaveLength(2);
    expect(fake.chatRequests).toHaveLength(2);
    // The second request carries the compiler's error for src/b.ts line 1 with its TS code.
    const second = userTexts(1);
    expect(second).toMatch(/src\/b\.ts:1:\d+ - error TS(2305|2724)/);
    expect(result.iterations[0]!.verify[0]!.status).toBe('fail');
    expect(result.iterations[1]!.verify[0]!.status).toBe('pass');
    expect(result.usage).toMatchObject({ requests: 2, promptTokens: 2500, completionTokens: 130, totalTokens: 2630 });
    expect(result.usage.costUsd).toBeCloseTo((2500 * 2 + 130 * 10) / 1e6, 10);
    expect(result.iterations[0]!.usage.promptTokens + result.iterations[1]!.usage.promptTokens).toBe(2500);
    expect(result.finalReport).toContain('Renamed add to sum');
    expect(result.changedFiles).toEqual(['src/a.ts', 'src/b.ts']);
    expect(readFileSync(path.join(dir, 'src/b.ts'), 'utf8')).toContain('sum(1, 2)');
    // Tools are offered with their fixed names; the key never reaches the transcript.
    const tools = (fake.chatRequests[0]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(tools).toEqual(['read_file', 'edit_file', 'create_file', 'delete_file', 'find_references', 'finish']);
    expect(JSON.stringify(result)).not.toContain(SECRET_KEY);
    expect(fake.chatRequests[0]!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  });

  it('feeds back malformed arguments, an absent search and an edit to ../outside.txt; writes nothing outside', async () => {
    const dir = tpl.copy();
    const outside = path.join(path.dirname(dir), 'outside.txt');
    fake.enqueue(
      reply.tools([
        { name: 'read_file', arguments: { path: 'src/a.ts', startLine: null, endLine: null } },
        { name: 'edit_file', arguments: '{"path": "src/a.ts", "search": ' },
        { name: 'edit_file', arguments: { path: 'src/a.ts', search: 'export function ad(a: number, b: numbr)', replace: 'x' } },
        { name: 'create_file', arguments: { path: '../outside.txt', content: 'pwned' } },
        { name: 'edit_file', arguments: { path: '/etc/hostname', search: 'a', replace: 'b' } },
      ]),
      reply.tool('finish', { report: 'nothing to do' }),
    );
    const result = await runAgent({ dir, migration: migration(), config: config(fake.baseUrl), baseline: [] });
    const toolMessages = fake.chatRequests[1]!.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)).slice(1);
    expect(toolMessages).toHaveLength(4);
    expect(toolMessages[0]).toMatch(/not valid JSON/);
    expect(toolMessages[1]).toMatch(/search text not found/);
    expect(toolMessages[1]).toContain('export function add(a: number, b: number)'); // nearest candidate, with its line
    expect(toolMessages[2]).toMatch(/Refused: .*leaves the repository/);
    expect(toolMessages[3]).toMatch(/Refused: .*absolute/);
    expect(existsSync(outside)).toBe(false);
    expect(result.iterations[0]!.editsRefused).toBe(4);
    expect(result.iterations[0]!.editsApplied).toBe(0);
    expect(result.status).toBe('verified');
    expect(result.changedFiles).toEqual([]);
  });

  it('ends failed at the iteration cap with every iteration recorded', async () => {
    const dir = tpl.copy();
    let n = 0;
    fake.onRequest(() => {
      n++;
      // Keeps breaking the file with a new type error each time, never finishing.
      return reply.tool('create_file', { path: `src/bad${n}.ts`, content: `export const x${n}: number = "not a number ${n}";\n` });
    });
    const result = await runAgent({ dir, migration: migration({ agent: { maxIterations: 3, judge: 'off' } }), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/iteration cap reached \(3\)/);
    expect(result.iterations.map((i) => i.index)).toEqual([1, 2, 3]);
    expect(result.iterations.every((i) => i.verify[0]?.status === 'fail')).toBe(true);
    expect(fake.chatRequests).toHaveLength(3);
    expect(userTexts(2)).toMatch(/src\/bad1\.ts:1:14 - error TS2322/);
  });

  it('retries a 429 (retry-after) and succeeds', async () => {
    const dir = tpl.copy();
    fake.enqueue({ fault: 'rate-limit', retryAfterSeconds: 0 }, reply.tool('finish', { report: 'done' }));
    const result = await runAgent({ dir, migration: migration(), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('verified');
    expect(fake.chatRequests).toHaveLength(2);
    expect(result.usage.requests).toBe(1);
  });

  it('ends with error naming the URL, never the key, when the endpoint is down', async () => {
    const dir = tpl.copy();
    const down = fake.baseUrl;
    await fake.close();
    const result = await runAgent({ dir, migration: migration(), config: config(down, { maxRetries: 1 }), baseline: [] });
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('llm-unreachable');
    expect(result.reason).toContain(down);
    expect(result.reason).not.toContain(SECRET_KEY);
    expect(JSON.stringify(result)).not.toContain(SECRET_KEY);
  });

  it('uses the fenced SEARCH/REPLACE format when tools are off', async () => {
    const dir = tpl.copy();
    fake.enqueue(
      reply.text(
        'src/a.ts\n```ts\n<<<<<<< SEARCH\nexport function add(a: number, b: number): number {\n=======\nexport function sum(a: number, b: number): number {\n>>>>>>> REPLACE\n```\n\nsrc/b.ts\n<<<<<<< SEARCH\nimport { add } from \'./a\';\n\nexport const three: number = add(1, 2);\n=======\nimport { sum } from \'./a\';\n\nexport const three: number = sum(1, 2);\n>>>>>>> REPLACE\n',
      ),
      reply.text('Renamed add to sum.'),
    );
    const result = await runAgent({ dir, migration: migration(), config: config(fake.baseUrl, { tools: false }), baseline: [] });
    expect(fake.chatRequests[0]!.body.tools).toBeUndefined();
    expect(result.status).toBe('verified');
    expect(result.iterations[0]!.editsApplied).toBe(2);
    expect(result.finalReport).toBe('Renamed add to sum.');
    expect(readFileSync(path.join(dir, 'src/b.ts'), 'utf8')).toContain('sum(1, 2)');
  });

  it('works with streamed answers (SSE tool-call deltas)', async () => {
    const dir = tpl.copy();
    fake.enqueue(
      reply.tools([
        { name: 'edit_file', arguments: { path: 'src/a.ts', search: 'return a + b;', replace: 'return b + a;' } },
        { name: 'finish', arguments: { report: 'Swapped operands.' } },
      ]),
    );
    const result = await runAgent({ dir, migration: migration(), config: config(fake.baseUrl), baseline: [], stream: true });
    expect(fake.chatRequests[0]!.body.stream).toBe(true);
    expect(result.status).toBe('verified');
    expect(result.usage.totalTokens).toBe(120);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toContain('return b + a;');
  });

  it('stops at the token budget, and redacts secrets the model echoes into the transcript', async () => {
    const dir = tpl.copy();
    fake.onRequest(() =>
      reply.tool('read_file', { path: 'src/a.ts', startLine: null, endLine: null }, { prompt_tokens: 900, completion_tokens: 100 }),
    );
    fake.enqueue({ content: `my key is ${SECRET_KEY}`, toolCalls: [{ name: 'read_file', arguments: { path: 'src/a.ts', startLine: null, endLine: null } }], usage: { prompt_tokens: 900, completion_tokens: 100 } });
    const result = await runAgent({ dir, migration: migration({ agent: { tokenBudget: 2500, judge: 'off' } }), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/token budget exhausted \(3000 of 2500/);
    expect(fake.chatRequests).toHaveLength(3);
    expect(result.iterations).toHaveLength(1);
    expect(result.iterations[0]!.usage.requests).toBe(3);
    const assistant = result.transcript.find((e) => e.role === 'assistant')!;
    expect(assistant.content).toBe('my key is [REDACTED]');
    expect(JSON.stringify(result)).not.toContain(SECRET_KEY);
  });

  it('refuses a huge plain answer as a report, caps it in the transcript, and lets the model recover', async () => {
    fake.enqueue({ fault: 'huge', bytes: 2_000_000 }, { toolCalls: [{ name: 'finish', arguments: { report: 'Nothing left to change.' } }] });
    const result = await runAgent({ dir: tpl.copy(), migration: migration(), config: config(fake.baseUrl), baseline: [] });
    expect(result.status).toBe('verified');
    expect(result.finalReport).toBe('Nothing left to change.');
    expect(result.iterations[0]!.feedback).toMatch(/2000000 characters of text without an edit/);
    expect(result.transcript.find((e) => e.role === 'assistant')!.content).toMatch(/more characters not kept\]$/);
    expect(JSON.stringify(result).length).toBeLessThan(100_000);
  });
});
