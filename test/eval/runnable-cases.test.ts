/**
 * Runnable eval cases (`"runnable": true`): the whole pipeline runs on a real project and the
 * gate's verifiers judge the produced tree. A case whose output matches `after` exactly still
 * fails when that output does not typecheck or its tests fail — matching text is not enough.
 * The projects borrow tsc and tsx from godwit's own node_modules (nothing is installed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Codemod } from '../../src/catalog/definition.js';
import { loadMigrationDefinition } from '../../src/catalog/registry.js';
import { runEval, type EvalReport } from '../../src/eval/index.js';
import { createTestEnv, type TestEnv } from '../support/fixture-repo.js';

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

const project = {
  'package.json': `${JSON.stringify(
    { name: 'calc', version: '1.0.0', private: true, scripts: { typecheck: 'tsc --noEmit -p tsconfig.json', test: 'node --import tsx --test test/*.test.ts' } },
    null,
    2,
  )}\n`,
  'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'], noEmit: true }, include: ['src', 'test'] }, null, 2)}\n`,
  'src/calc.ts': 'export const add = (a: number, b: number): number => a + b;\nexport const total = (xs: number[]): number => xs.reduce(add, 0);\n',
  'test/calc.test.ts': "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { add, total } from '../src/calc';\n\ntest('add', () => assert.strictEqual(add(2, 3), 5));\ntest('total', () => assert.strictEqual(total([1, 2, 3]), 6));\n",
};

/**
 * A test-only codemod with two wrong edits that each pass the in-loop file check (it sees one
 * file at a time): in src/use.ts, `total` becomes `sum`, which calc.ts does not export (tsc
 * fails); in src/calc.ts, `a + b` becomes `a - b` (tsc passes, the tests fail).
 */
const wrongCodemod: Codemod = (p) => {
  for (const sf of p.getSourceFiles()) {
    const text = sf.getFullText();
    if (sf.getBaseName() === 'use.ts') sf.replaceWithText(text.replace(/\btotal\b/g, 'sum'));
    if (sf.getBaseName() === 'calc.ts' && text.includes('MAKE-IT-SUBTRACT')) sf.replaceWithText(text.replace('a + b', 'a - b'));
  }
};
const migration = () => loadMigrationDefinition({ id: 'wrong-edits', title: 't', description: 'd', codemod: wrongCodemod, pr: { title: 't' } }, undefined);

let env: TestEnv;
let report: EvalReport;

beforeAll(async () => {
  env = createTestEnv();
  const cases = path.join(env.root, 'cases');
  const use = "import { total } from './calc';\nexport const sumAll = (xs: number[]): number => total(xs);\n";
  const subtracting = `// MAKE-IT-SUBTRACT\n${project['src/calc.ts']}`;
  write(cases, {
    // The expected output is exactly what the codemod writes, and it does not compile.
    ...Object.fromEntries(Object.entries({ ...project, 'src/use.ts': use }).map(([f, t]) => [`typecheck-red/before/${f}`, t])),
    ...Object.fromEntries(Object.entries({ ...project, 'src/use.ts': use.replace(/\btotal\b/g, 'sum') }).map(([f, t]) => [`typecheck-red/after/${f}`, t])),
    'typecheck-red/case.json': JSON.stringify({ runnable: true }),
    // The expected output is exactly what the codemod writes, and its tests fail.
    ...Object.fromEntries(Object.entries({ ...project, 'src/calc.ts': subtracting }).map(([f, t]) => [`tests-red/before/${f}`, t])),
    ...Object.fromEntries(Object.entries({ ...project, 'src/calc.ts': subtracting.replace('a + b', 'a - b') }).map(([f, t]) => [`tests-red/after/${f}`, t])),
    'tests-red/case.json': JSON.stringify({ runnable: true }),
  });
  report = await runEval(migration(), { casesDir: cases, config: env.config });
}, 600_000);

afterAll(() => env?.cleanup());

describe('runnable eval cases', () => {
  it('fails a case whose output matches after but does not typecheck', () => {
    const c = report.cases.find((r) => r.name === 'typecheck-red')!;
    expect(c.runnable).toBe(true);
    expect(c.diff).toBeUndefined(); // the files match
    expect(c.files.map((f) => f.path)).toEqual(['src/use.ts']);
    expect(c).toMatchObject({ status: 'failed', expectedStatus: 'verified', passed: false });
    expect(c.gate).toMatchObject({ ran: ['typecheck', 'test', 'guards'], result: 'blocked' });
    expect(c.gate!.verifiers!.find((v) => v.kind === 'typecheck')!.status).toBe('fail');
    expect(c.reason).toMatch(/typecheck/);
    expect(c.reason).toMatch(/sum/);
  });

  it('fails a case whose output matches after and typechecks but whose tests fail', () => {
    const c = report.cases.find((r) => r.name === 'tests-red')!;
    expect(c.diff).toBeUndefined();
    expect(c.files.map((f) => f.path)).toEqual(['src/calc.ts']);
    expect(c).toMatchObject({ status: 'failed', passed: false });
    const byKind = Object.fromEntries(c.gate!.verifiers!.map((v) => [v.kind, v.status]));
    expect(byKind).toEqual({ typecheck: 'pass', test: 'fail' });
    expect(c.reason).toMatch(/test/);
    expect(report).toMatchObject({ total: 2, passed: 0, failed: 2 });
  });
});
