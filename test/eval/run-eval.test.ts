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
import { getMigration } from '../../src/catalog/registry.js';
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
    'orphan.input.ts': 'export {};\n', // no output: not a case
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
  });

  it('names the valid ids for an unknown migration', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'eval', 'no-such-migration'], io)).toBe(2);
    expect(io.err.join('\n')).toContain('jest-to-vitest');
  });
});
