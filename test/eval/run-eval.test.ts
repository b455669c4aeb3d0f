/**
 * `godwit eval` on folders the catalog did not write: single-file `*.input.ts`/`*.output.ts`
 * pairs (the layout of published codemod fixtures) and before/after folders, through the CLI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import type { Codemod } from '../../src/catalog/definition.js';
import { getMigration, loadMigrationDefinition } from '../../src/catalog/registry.js';
import { runEval } from '../../src/eval/index.js';

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTTY: false, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

let root: string;
let pairs: string;
let folders: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'godwit-eval-test-'));
  pairs = path.join(root, 'pairs');
  folders = path.join(root, 'folders');
  // Hand-made fixtures in the jscodeshift layout; outputs use other quotes and spacing on purpose.
  write(pairs, {
    'read-config.input.ts': "import { readFileSync } from 'fs';\nimport * as path from 'path';\nexport const read = (f: string) => readFileSync(path.join('cfg', f), 'utf8');\n",
    'read-config.output.ts': 'import { readFileSync } from "node:fs";\nimport * as path   from "node:path";\nexport const read = (f: string) =>\n  readFileSync(path.join("cfg", f), "utf8");\n',
    'lazy-child.input.js': "async function run() {\n  const cp = await import('child_process');\n  return cp.execSync('ls');\n}\nmodule.exports = run;\n",
    'lazy-child.output.js': "async function run() {\n  const cp = await import('node:child_process');\n  return cp.execSync('ls');\n}\nmodule.exports = run;\n",
    // Wrong on purpose: the expected output forgot the prefix on `os`.
    'wrong-expectation.input.ts': "import os from 'os';\nimport fs from 'fs';\nexport const a = [os, fs];\n",
    'wrong-expectation.output.ts': "import os from 'os';\nimport fs from 'node:fs';\nexport const a = [os, fs];\n",
    'untouched.input.ts': "import lodash from 'lodash';\nexport const l = lodash;\n",
    'untouched.output.ts': "import lodash from 'lodash';\nexport const l = lodash;\n",
  });
  write(folders, {
    'old-node/before/package.json': '{ "name": "x", "engines": { "node": ">=10" } }\n',
    'old-node/before/a.js': "require('fs');\n",
    'old-node/after/package.json': '{ "name": "x", "engines": { "node": ">=10" } }\n',
    'old-node/after/a.js': "require('fs');\n",
    'old-node/case.json': JSON.stringify({ description: 'Node 10 has no node: specifiers', expectedStatus: 'not-applicable' }),
    'wrong-status/before/a.ts': "import fs from 'fs';\n",
    'wrong-status/after/a.ts': "import fs from 'node:fs';\n",
    'wrong-status/case.json': JSON.stringify({ expectedStatus: 'not-applicable' }),
    'needs-model/before/a.ts': "import fs from 'fs';\n",
    'needs-model/after/a.ts': "import * as fs from 'node:fs';\n",
    'needs-model/case.json': JSON.stringify({ needsLlm: true }),
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('godwit eval on single-file pairs', () => {
  it('runs each pair in a minimal repository and compares after Prettier', async () => {
    const report = await runEval(await getMigration('node-protocol-imports'), { casesDir: pairs });
    const byName = Object.fromEntries(report.cases.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['lazy-child', 'read-config', 'untouched', 'wrong-expectation']);
    expect(byName['read-config']).toMatchObject({ kind: 'pair', status: 'verified', passed: true });
    expect(byName['lazy-child']).toMatchObject({ status: 'verified', passed: true });
    expect(byName.untouched).toMatchObject({ status: 'no-changes', expectedStatus: 'no-changes', passed: true });
    const wrong = byName['wrong-expectation']!;
    expect(wrong.passed).toBe(false);
    expect(wrong.diff).toContain('-import os from "os";');
    expect(wrong.diff).toContain('+import os from "node:os";');
    expect(report).toMatchObject({ total: 4, passed: 3, failed: 1, skipped: 0 });
    expect(report.passRate).toBeCloseTo(0.75);
  });

  it('prints the documented JSON through the CLI and exits 1 when a case fails', async () => {
    const io = capture();
    const code = await main(['node', 'godwit', 'eval', 'node-protocol-imports', '--cases', pairs, '--json'], io);
    expect(code).toBe(1);
    const json = JSON.parse(io.out.join('\n')) as {
      migration: string;
      total: number;
      passed: number;
      failed: number;
      cases: Array<{ name: string; status: string; passed: boolean; diff?: string }>;
    };
    expect(json).toMatchObject({ migration: 'node-protocol-imports', total: 4, passed: 3, failed: 1 });
    expect(json.cases.find((c) => c.name === 'wrong-expectation')?.diff).toMatch(/node:os/);
    expect(json.cases.filter((c) => c.diff === undefined)).toHaveLength(3);
  });
});

describe('godwit eval on before/after folders', () => {
  it('checks the expected status and skips LLM cases without a model', async () => {
    const report = await runEval(await getMigration('node-protocol-imports'), { casesDir: folders });
    const byName = Object.fromEntries(report.cases.map((c) => [c.name, c]));
    expect(byName['old-node']).toMatchObject({ status: 'not-applicable', passed: true });
    expect(byName['wrong-status']).toMatchObject({ status: 'verified', expectedStatus: 'not-applicable', passed: false });
    expect(byName['wrong-status']!.reason).toContain('expected status not-applicable, got verified');
    expect(byName['needs-model']).toMatchObject({ status: 'skipped', passed: false, reason: 'skipped (needs LLM)' });
    expect(report).toMatchObject({ total: 3, passed: 1, failed: 1, skipped: 1 });
  });

  it('prints a human summary with a diff for each mismatch', async () => {
    const io = capture();
    const code = await main(['node', 'godwit', 'eval', 'node-protocol-imports', '--cases', folders], io);
    expect(code).toBe(1);
    const text = io.out.join('\n');
    expect(text).toMatch(/PASS {2}old-node/);
    expect(text).toMatch(/SKIP {2}needs-model \[llm\]/);
    expect(text).toContain('--- wrong-status: expected status not-applicable, got verified');
    expect(text).toContain('node-protocol-imports: 1/2 passed (50.0%), 1 skipped (needs LLM)');
  });

  it('says what a case folder must hold when it holds none, and rejects a bad case.json', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    const io = capture();
    expect(await main(['node', 'godwit', 'eval', 'node-protocol-imports', '--cases', empty], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/No eval cases in .*empty[\s\S]*hint: A case is a folder/);

    const bad = path.join(root, 'bad');
    write(bad, { 'c/before/a.ts': '', 'c/after/a.ts': '', 'c/case.json': '{"expectedStatus":"done"}' });
    const io2 = capture();
    expect(await main(['node', 'godwit', 'eval', 'node-protocol-imports', '--cases', bad], io2)).toBe(2);
    expect(io2.err.join('\n')).toContain('expectedStatus');
    expect(io2.err.join('\n')).toContain('Eval case "c"');
  });

  it('refuses a half case (exit 2, naming it) instead of skipping it', async () => {
    const half = path.join(root, 'half');
    write(half, { 'ok.input.ts': "import 'fs';\n", 'ok.output.ts': "import 'node:fs';\n", 'orphan.input.ts': 'export {};\n' });
    const io = capture();
    expect(await main(['node', 'godwit', 'eval', 'node-protocol-imports', '--cases', half, '--json'], io)).toBe(2);
    expect(io.out).toEqual([]);
    const err = io.err.join('\n');
    expect(err).toContain('Eval case "orphan"');
    expect(err).toContain('orphan.input.ts has no orphan.output.ts');
    expect(err).toMatch(/hint: Add orphan\.output\.ts/);
  });

  it('names the valid ids for an unknown migration', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'eval', 'no-such-migration'], io)).toBe(2);
    expect(io.err.join('\n')).toContain('jest-to-vitest');
  });
});

/**
 * A test-only migration: `it(` becomes `it.only(` (a change the skipped-tests guard blocks),
 * `legacy()` is left for the agent, and a file holding BREAK gets two default exports (the
 * file check drops that change and hands the file over).
 */
const focusIt: Codemod = (project, ctx) => {
  for (const sf of project.getSourceFiles()) {
    const text = sf.getFullText();
    const rel = path.relative(ctx.dir, sf.getFilePath());
    if (text.includes('BREAK')) sf.replaceWithText(`${text}export default 1;\nexport default 2;\n`);
    else if (text.includes("it('")) sf.replaceWithText(text.replace(/\bit\('/g, "it.only('"));
    const at = text.indexOf('legacy(');
    if (at >= 0) ctx.leave({ file: rel, line: text.slice(0, at).split('\n').length, column: 1, reason: 'legacy() has no equivalent' });
  }
};
const focusMigration = () => loadMigrationDefinition({ id: 'focus-it', title: 't', description: 'd', codemod: focusIt, pr: { title: 't' } }, undefined);

describe('godwit eval runs the gate on every case', () => {
  it('fails a case whose expected output a guard blocks, and reports files, leftovers, guards and the gate per case', async () => {
    const dir = path.join(root, 'gated');
    write(dir, {
      'focus.test.input.ts': "it('adds', () => {});\n",
      'focus.test.output.ts': "it.only('adds', () => {});\n",
      'focus-expected.test.input.ts': "it('adds', () => {});\n",
      'focus-expected.test.output.ts': "it.only('adds', () => {});\n",
      'focus-expected.test.case.json': JSON.stringify({ expectedStatus: 'failed', description: 'the gate refuses a focused test' }),
      'left.input.ts': 'legacy();\nexport const x = 1;\n',
      'left.output.ts': 'legacy();\nexport const x = 1;\n',
      'broken.input.ts': '// BREAK\nexport const y = 2;\n',
      'broken.output.ts': '// BREAK\nexport const y = 2;\n',
    });
    const report = await runEval(focusMigration(), { casesDir: dir });
    const byName = Object.fromEntries(report.cases.map((c) => [c.name, c]));

    const focus = byName['focus.test']!;
    expect(focus).toMatchObject({ status: 'failed', expectedStatus: 'verified', passed: false, gate: { ran: ['guards'], result: 'blocked' } });
    expect(focus.reason).toContain('guard skipped-tests: new `it.only` in focus.test.ts:1');
    expect(focus.guards).toEqual([expect.objectContaining({ guard: 'skipped-tests', severity: 'block', file: 'focus.test.ts', line: 1 })]);
    // The produced file is in the report, so a failing case can be inspected.
    expect(focus.files).toEqual([{ path: 'focus.test.ts', status: 'modified', text: "it.only('adds', () => {});\n" }]);
    expect(focus.diff).toBeUndefined();

    // A case may expect the gate's refusal.
    expect(byName['focus-expected.test']).toMatchObject({ status: 'failed', expectedStatus: 'failed', passed: true });

    expect(byName.left).toMatchObject({ status: 'no-changes', passed: true, files: [], guards: [] });
    expect(byName.left!.leftovers).toEqual([expect.objectContaining({ file: 'left.ts', line: 1, reason: 'legacy() has no equivalent' })]);

    const broken = byName.broken!;
    expect(broken).toMatchObject({ status: 'no-changes', passed: true, files: [] });
    expect(broken.codemod!.dropped).toEqual([{ file: 'broken.ts', problems: [expect.stringMatching(/^3:1 TS2528/), expect.stringMatching(/^4:1 TS2528/)] }]);
    expect(broken.leftovers).toEqual([expect.objectContaining({ file: 'broken.ts', reason: expect.stringContaining("the codemod's change to this file was dropped") })]);
    expect(report).toMatchObject({ total: 4, passed: 3, failed: 1 });
  });

  it('blocks a produced change to a protected file in a folder case', async () => {
    const dir = path.join(root, 'protected');
    const pkg = (test: string) => `${JSON.stringify({ name: 'x', scripts: { test } }, null, 2)}\n`;
    write(dir, {
      'script/before/package.json': pkg('vitest run'),
      'script/before/a.ts': "it('a', () => {});\n",
      'script/after/package.json': pkg('vitest run'),
      'script/after/a.ts': "it.only('a', () => {});\n",
    });
    const scripted: Codemod = (project, ctx) => {
      focusIt(project, ctx);
      writeFileSync(path.join(ctx.dir, 'package.json'), pkg('true'));
    };
    const m = loadMigrationDefinition({ id: 'focus-it', title: 't', description: 'd', codemod: scripted, pr: { title: 't' } }, undefined);
    const [c] = (await runEval(m, { casesDir: dir })).cases;
    expect(c).toMatchObject({ status: 'failed', passed: false });
    expect(c!.guards.filter((g) => g.severity === 'block').map((g) => g.guard).sort()).toEqual(['protected-files', 'skipped-tests']);
    expect(c!.diff).toContain('"test": "true"');
    expect(c!.files.map((f) => f.path)).toEqual(['a.ts', 'package.json']);
  });
});
