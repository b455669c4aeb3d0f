/**
 * The loop's robustness parts on their own: tolerant search/replace, the tool-result cap
 * (with a 20 MB one-line file), "did you mean" paths, read-before-write, the loop guard and
 * history pruning. The whole loop with misbehaving models is in personas-*.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneMessages, type MessageMeta } from '../../src/agent/history.js';
import { LoopGuard, writeSignature, type IterationObservation } from '../../src/agent/loop-guard.js';
import { applySearchReplace } from '../../src/agent/tools/apply-edit.js';
import { capToolResult } from '../../src/agent/tools/cap.js';
import { runTool, type ToolContext } from '../../src/agent/tools/index.js';
import { similarPaths } from '../../src/agent/tools/missing-path.js';
import { template } from './fixtures.js';

let tpl: ReturnType<typeof template>;
beforeAll(() => {
  tpl = template();
});
afterAll(() => tpl.cleanup());

const ctx = (dir: string, extra: Partial<ToolContext> = {}): ToolContext => ({
  root: dir,
  scope: { include: ['src/**'], exclude: [] },
  changed: new Set(),
  maxFileBytes: 1024 * 1024,
  seen: new Set(),
  ...extra,
});

describe('tolerant search/replace', () => {
  const file = 'export function f(): number {\n    const x = 1;\n    return x;\n}\n\nexport const y = 2;\n';

  it('matches ignoring indentation and inner spacing, and keeps the file\'s indentation in the replacement', () => {
    const r = applySearchReplace(file, '  const  x = 1;\n  return x;  \n', '  const x = 41;\n  return x + 1;\n');
    expect(r).toMatchObject({ ok: true, line: 2, tolerant: 'whitespace' });
    expect(r.ok && r.text).toBe('export function f(): number {\n    const x = 41;\n    return x + 1;\n}\n\nexport const y = 2;\n');
  });

  it('prefers an exact match, refuses a loose match in two places, and quotes the nearest lines for quote drift', () => {
    expect(applySearchReplace(file, 'const x = 1;', 'const x = 3;')).toMatchObject({ ok: true, line: 2 });
    const twice = 'a();\n  b(1);\n\nc();\n    b( 1 );\n';
    expect(applySearchReplace(twice, 'b(1) ;', 'x')).toMatchObject({ ok: false, kind: 'not-found' });
    expect(applySearchReplace('  foo(1);\nfoo(1);\n', ' foo(1);\n', 'x')).toMatchObject({ ok: true, line: 1 }); // exact wins
    const loose = applySearchReplace('  run(a, b);\n\n\trun(a,  b);\n', 'run(a,b);\nrun(a, b);', 'x');
    expect(loose.ok).toBe(false);
    const ambiguous = applySearchReplace('  run(a,  b);\nz;\n\trun(a, b);\n', 'run(a,   b);', 'x');
    expect(ambiguous).toMatchObject({ ok: false, kind: 'ambiguous' });
    expect(!ambiguous.ok && ambiguous.reason).toMatch(/ignoring whitespace it matches 2 places \(lines 1, 3\)/);
    const quotes = applySearchReplace("import { a } from './a.js';\n", 'import { a } from "./a.js";', 'x');
    expect(quotes).toMatchObject({ ok: false, kind: 'not-found' });
    expect(!quotes.ok && quotes.reason).toContain("    1| import { a } from './a.js';");
  });
});

describe('tool results are capped', () => {
  it('a 20 MB one-line file comes back as at most 64 KB with a note; a line range works on normal files', async () => {
    const dir = tpl.copy();
    writeFileSync(path.join(dir, 'src/huge.min.js'), `var a="${'x'.repeat(20 * 1024 * 1024)}";`);
    const c = ctx(dir, { maxResultBytes: 64 * 1024 });
    const huge = await runTool('read_file', JSON.stringify({ path: 'src/huge.min.js', startLine: null, endLine: null }), c);
    expect(huge.kind).toBe('read');
    expect(Buffer.byteLength(huge.output)).toBeLessThanOrEqual(64 * 1024);
    expect(huge.output).toMatch(/line cut: \d+ characters|truncated at \d+ bytes/);
    expect(huge.output).toMatch(/only the first \d+ were read/);
    const lines = Array.from({ length: 5000 }, (_, i) => `export const v${i} = ${i}; // ${'pad '.repeat(10)}`).join('\n');
    writeFileSync(path.join(dir, 'src/long.ts'), lines);
    const capped = await runTool('read_file', JSON.stringify({ path: 'src/long.ts', startLine: null, endLine: null }), ctx(dir, { maxResultBytes: 4096 }));
    expect(Buffer.byteLength(capped.output)).toBeLessThanOrEqual(4096);
    expect(capped.output).toMatch(/truncated at 4096 bytes of \d+; ask for a line range/);
    const range = await runTool('read_file', JSON.stringify({ path: 'src/long.ts', startLine: 4000, endLine: 4002 }), c);
    expect(range.output).toMatch(/^src\/long\.ts \(lines 4000-4002 of 5000\)\n 4000\| export const v3999 = 3999;/);
  });

  it('cuts on a character boundary', () => {
    const out = capToolResult('é'.repeat(2000), 1500);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(1500);
    expect(out).not.toContain('\uFFFD');
  });
});

describe('paths that do not exist, and read-before-write', () => {
  it('suggests the real file for an invented path', async () => {
    const dir = tpl.copy();
    expect(similarPaths(dir, 'src/lib/a.ts')).toContain('src/a.ts');
    const r = await runTool('edit_file', JSON.stringify({ path: 'src/utils/a.ts', search: 'x', replace: 'y' }), ctx(dir));
    expect(r).toMatchObject({ kind: 'refused', problem: 'missing-path', path: 'src/utils/a.ts' });
    expect(r.output).toMatch(/src\/utils\/a\.ts does not exist\. Files with a similar path: src\/a\.ts/);
  });

  it('a blind overwrite or a failed blind search returns the current text; after that the file counts as read', async () => {
    const dir = tpl.copy();
    const c = ctx(dir);
    const overwrite = await runTool('create_file', JSON.stringify({ path: 'src/a.ts', content: 'export {};\n' }), c);
    expect(overwrite).toMatchObject({ kind: 'refused', problem: 'unread-file' });
    expect(overwrite.output).toContain('    2|   return a + b;');
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toContain('return a + b;');
    expect((await runTool('create_file', JSON.stringify({ path: 'src/a.ts', content: 'export {};\n' }), c)).kind).toBe('applied');
    const blindSearch = await runTool('edit_file', JSON.stringify({ path: 'src/b.ts', search: 'add(2, 2)', replace: 'x' }), c);
    expect(blindSearch.output).toMatch(/You had not read src\/b\.ts/);
    const informed = await runTool('edit_file', JSON.stringify({ path: 'src/b.ts', search: 'add(2, 2)', replace: 'x' }), c);
    expect(informed).toMatchObject({ kind: 'refused', problem: 'search-not-found' });
    // A search that matches needs no read: its text shows the model knows the lines.
    expect((await runTool('edit_file', JSON.stringify({ path: 'src/b.ts', search: 'add(1, 2)', replace: 'add(2, 1)' }), ctx(dir))).kind).toBe('applied');
  });
});

describe('loop guard', () => {
  const obs = (o: Partial<IterationObservation>): IterationObservation => ({ writes: [], problems: [], calls: 1, malformedCalls: 0, applied: 0, green: true, finishedRed: false, ...o });
  const same = { signature: writeSignature('edit_file', '{"path":"a.ts","search":"x","replace":"y"}'), label: 'edit_file a.ts', applied: false };

  it('the same edit: told on the second time, stopped on the third (argument order does not matter)', () => {
    const g = new LoopGuard();
    expect(g.observe(obs({ writes: [same] }))).toEqual({ warnings: [] });
    expect(writeSignature('edit_file', '{"replace":"y","search":"x","path":"a.ts"}')).toBe(same.signature);
    expect(g.observe(obs({ writes: [same] })).warnings.join()).toMatch(/You sent exactly this edit before \(edit_file a\.ts\)/);
    expect(g.observe(obs({ writes: [same] })).stop).toMatchObject({ behaviour: 'repeated-edit', reason: expect.stringMatching(/same edit \(edit_file a\.ts\) 3 times/) });
  });

  it('the same errors across rounds (positions ignored) and an uninstalled import are named', () => {
    const g = new LoopGuard();
    const err = (line: number) => `src/a.ts:${line}:1 - error TS2307: Cannot find module 'lodash-es' or its corresponding type declarations.`;
    expect(g.observe(obs({ applied: 1, green: false, errors: err(1) })).warnings.join()).toMatch(/'lodash-es' cannot be resolved/);
    expect(g.observe(obs({ applied: 1, green: false, errors: err(2) })).warnings.join()).toMatch(/same errors as after your previous round/);
    expect(g.observe(obs({ applied: 1, green: false, errors: err(3) })).stop?.reason).toMatch(/kept importing 'lodash-es', which is not installed/);
  });

  it('finish with red checks: fed back once, then stopped; different errors reset the streak', () => {
    const g = new LoopGuard();
    expect(g.observe(obs({ finishedRed: true, green: false, errors: 'e1' })).warnings.join()).toMatch(/does not accept finish/);
    expect(g.observe(obs({ applied: 1, green: false, errors: 'e2' })).stop).toBeUndefined();
    expect(g.observe(obs({ finishedRed: true, green: false, errors: 'e3' })).stop?.behaviour).toBe('finish-while-red');
  });

  it('invented paths, scope creep and malformed calls: three strikes', () => {
    const g = new LoopGuard();
    for (const p of ['src/x.ts', 'src/y.ts']) expect(g.observe(obs({ problems: [{ problem: 'missing-path', path: p }] })).stop).toBeUndefined();
    expect(g.observe(obs({ problems: [{ problem: 'missing-path', path: 'lib/z.ts' }] })).stop?.reason).toBe('the model kept using paths that do not exist (src/x.ts, src/y.ts, lib/z.ts)');
    const m = new LoopGuard();
    m.observe(obs({ malformedCalls: 1 }));
    m.observe(obs({ calls: 2, malformedCalls: 1 })); // a good call in between resets
    m.observe(obs({ malformedCalls: 1 }));
    expect(m.observe(obs({ malformedCalls: 1 })).stop).toBeUndefined();
    expect(m.observe(obs({ malformedCalls: 1 })).stop?.behaviour).toBe('malformed-calls');
  });
});

describe('history pruning', () => {
  const conversation = (): { messages: ChatCompletionMessageParam[]; meta: MessageMeta[] } => {
    const big = `src/a.ts (lines 1-300 of 300)\n${'    1| line\n'.repeat(300)}`;
    const call = (id: string, args: string) => ({ role: 'assistant' as const, content: null, tool_calls: [{ id, type: 'function' as const, function: { name: 'read_file', arguments: args } }] });
    return {
      messages: [
        { role: 'system', content: 'system' },
        { role: 'user', content: 'task' },
        call('c1', '{"path":"src/a.ts"}'),
        { role: 'tool', tool_call_id: 'c1', content: big },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c2', type: 'function', function: { name: 'create_file', arguments: JSON.stringify({ path: 'src/n.ts', content: 'x'.repeat(5000) }) } }] },
        { role: 'tool', tool_call_id: 'c2', content: 'Wrote src/n.ts (5000 bytes).' },
        { role: 'user', content: 'round 1 errors: E1' },
        call('c3', '{"path":"src/b.ts"}'),
        { role: 'tool', tool_call_id: 'c3', content: big.replace('a.ts', 'b.ts') },
      ],
      meta: [
        { iteration: 0, kind: 'system' },
        { iteration: 0, kind: 'task' },
        { iteration: 1, kind: 'assistant' },
        { iteration: 1, kind: 'tool', tool: 'read_file', summary: 'src/a.ts (lines 1-300 of 300)' },
        { iteration: 1, kind: 'assistant' },
        { iteration: 1, kind: 'tool', tool: 'create_file' },
        { iteration: 1, kind: 'feedback' },
        { iteration: 2, kind: 'assistant' },
        { iteration: 2, kind: 'tool', tool: 'read_file' },
      ],
    };
  };

  it('level 1 drops answered old results and old arguments, keeps the task, latest feedback and unanswered results', () => {
    const { messages, meta } = conversation();
    const out = pruneMessages(messages, meta, 2, 1);
    expect(out).toHaveLength(messages.length);
    expect(out[1]).toEqual(messages[1]);
    expect(String(out[3]!.content)).toMatch(/^\[earlier read_file result dropped to save context: src\/a\.ts \(lines 1-300 of 300\)/);
    expect(out[5]).toEqual(messages[5]); // short results stay
    const args = (out[4] as { tool_calls: Array<{ function: { arguments: string } }> }).tool_calls[0]!.function.arguments;
    expect(JSON.parse(args)).toEqual({ path: 'src/n.ts', content: '[5000 characters, elided: already applied]' });
    expect(out[6]).toEqual(messages[6]);
    expect(out[8]).toEqual(messages[8]); // not answered yet
    expect(JSON.stringify(out).length).toBeLessThan(JSON.stringify(messages).length / 2);
    expect(pruneMessages(messages, meta, 2, 0)).toEqual(messages);
  });

  it('level 3 keeps system, task, the latest feedback and the last exchange, with tool calls still paired', () => {
    const { messages, meta } = conversation();
    const out = pruneMessages(messages, meta, 2, 3);
    expect(out.map((m) => m.role)).toEqual(['system', 'user', 'user', 'user', 'assistant', 'tool']);
    expect(String(out[2]!.content)).toMatch(/earlier messages were dropped to fit the model's context window/);
    expect(out[3]!.content).toBe('round 1 errors: E1');
    expect((out[5] as { tool_call_id: string }).tool_call_id).toBe('c3');
  });
});
