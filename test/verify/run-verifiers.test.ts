/**
 * Detection and condensed results of the real tools (tsc, eslint, vitest) on fixture
 * repositories: one green, one with a type error, a lint error and a failing test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectVerifiers } from '../../src/verify/detect.js';
import { runVerifiers } from '../../src/verify/run-verifiers.js';
import { compareWithBaseline, gateVerdict } from '../../src/verify/compare.js';
import { verifierResultSchema, type VerifierResult } from '../../src/report/run-report.js';
import { createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
let green: string;
let red: string;
let greenResults: VerifierResult[];
let redResults: VerifierResult[];
const runOpts = { timeoutMs: 120_000, maxOutputBytes: 1024 * 1024 };

beforeAll(async () => {
  env = createTestEnv();
  green = writeFixtureRepo(path.join(env.root, 'green'));
  red = writeFixtureRepo(path.join(env.root, 'red'), {
    files: {
      'src/bad-types.ts': "export const n: number = 'x';\n",
      'src/bad-lint.ts': 'export function f(a: any): number {\n  return a;\n}\n',
      'test/math.test.ts': [
        "import { expect, it } from 'vitest';",
        "it('adds', () => {",
        '  expect(1 + 1).toBe(3);',
        '});',
        "it('passes', () => {",
        '  expect(1).toBe(1);',
        '});',
        '',
      ].join('\n'),
    },
  });
  greenResults = await runVerifiers(green, detectVerifiers(green), runOpts);
  redResults = await runVerifiers(red, detectVerifiers(red), runOpts);
});
afterAll(() => env.cleanup());

describe('detectVerifiers', () => {
  it("finds the repository's tsc, eslint and vitest, honouring the migration's flags", () => {
    const all = detectVerifiers(green);
    expect(all.map((v) => `${v.kind}:${v.tool}:${v.label}`)).toEqual(['typecheck:tsc:npm run typecheck', 'lint:eslint:eslint .', 'test:vitest:npm run test']);
    expect(all[0]!.bin).toMatch(/node_modules\/\.bin\/tsc$/);
    expect(detectVerifiers(green, { typecheck: true, lint: false, test: false }).map((v) => v.kind)).toEqual(['typecheck']);
  });

  it('falls back to package.json scripts without a tsconfig or ESLint config', () => {
    const dir = writeFixtureRepo(path.join(env.root, 'scripts-only'), {
      eslint: false,
      builtinImports: false,
      files: { 'tsconfig.json': null },
      packageJson: { scripts: { typecheck: 'node check.js', lint: 'node lint.js', test: 'node test.js' } },
    });
    expect(detectVerifiers(dir).map((v) => `${v.kind}:${v.tool}:${v.label}`)).toEqual([
      'typecheck:npm-script:npm run typecheck',
      'lint:npm-script:npm run lint',
      'test:npm-script:npm run test',
    ]);
  });
});

describe('tools the repository uses but has not installed', () => {
  it('become verifiers that report error, so an uninstalled repository never passes unchecked', async () => {
    const bare = writeFixtureRepo(mkdtempSync(path.join(os.tmpdir(), 'godwit-bare-')), { packageJson: { scripts: {}, devDependencies: { vitest: '^4' } } });
    try {
      const verifiers = detectVerifiers(bare);
      expect(verifiers.map((v) => `${v.kind}:${v.tool}:${v.label}`)).toEqual(['typecheck:missing:tsc (not installed)', 'lint:missing:eslint (not installed)', 'test:missing:vitest (not installed)']);
      const [tc] = await runVerifiers(bare, verifiers.slice(0, 1), runOpts);
      expect(tc).toMatchObject({ status: 'error', diagnostics: [{ code: 'not-installed' }] });
      expect(tc!.outputTail).toContain('--no-install');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('runVerifiers on real tools', () => {
  it('reports a green repository as pass with test counts', () => {
    for (const r of greenResults) verifierResultSchema.parse(r);
    expect(greenResults.map((r) => `${r.kind}:${r.status}`)).toEqual(['typecheck:pass', 'lint:pass', 'test:pass']);
    expect(greenResults[2]!.tests).toEqual({ passed: 2, failed: 0, skipped: 0, total: 2 });
  });

  it('condenses a tsc error to file, line, code and message', () => {
    const tc = redResults.find((r) => r.kind === 'typecheck')!;
    expect(tc.status).toBe('fail');
    expect(tc.exitCode).not.toBe(0);
    expect(tc.diagnostics).toEqual([
      { file: 'src/bad-types.ts', line: 1, column: 14, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'.", severity: 'error' },
    ]);
    expect(tc.diagnosticsTotal).toBe(1);
  });

  it('condenses eslint --format json to rule diagnostics', () => {
    const lint = redResults.find((r) => r.kind === 'lint')!;
    expect(lint.status).toBe('fail');
    expect(lint.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'src/bad-lint.ts', line: 1, code: '@typescript-eslint/no-explicit-any', severity: 'error' }),
    );
  });

  it('reports failing tests by name with the first lines of the failure', () => {
    const test = redResults.find((r) => r.kind === 'test')!;
    expect(test.status).toBe('fail');
    expect(test.tests).toEqual({ passed: 3, failed: 1, skipped: 0, total: 4 });
    expect(test.diagnostics).toHaveLength(1);
    expect(test.diagnostics[0]).toMatchObject({ file: 'test/math.test.ts', code: 'test-failed', line: 3 });
    expect(test.diagnostics[0]!.message.split('\n')[0]).toBe('adds');
    expect(test.diagnostics[0]!.message).toContain('expected 2 to be 3');
    expect(test.diagnostics[0]!.message.split('\n').length).toBeLessThanOrEqual(6);
  });

  it('runs only related tests when given files', async () => {
    const [test] = await runVerifiers(red, detectVerifiers(red, { typecheck: false, lint: false, test: true }), {
      ...runOpts,
      relatedFiles: ['src/files.ts'],
    });
    expect(test!.command).toBe('npm run test (related tests)');
    expect(test!.status).toBe('pass');
    expect(test!.tests).toMatchObject({ passed: 2, total: 2 });
  });

  it('the gate fails on new diagnostics only', () => {
    const compared = compareWithBaseline(redResults, redResults);
    expect(compared.every((r) => r.newDiagnostics?.length === 0 && r.fixedCount === 0)).toBe(true);
    expect(gateVerdict(redResults, compared).ok).toBe(true);
    const worse = compareWithBaseline(greenResults, redResults);
    const verdict = gateVerdict(greenResults, worse);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons).toHaveLength(3);
    expect(verdict.reasons[0]).toContain('typecheck: 1 new diagnostic(s), e.g. src/bad-types.ts:1 TS2322');
  });

  it('a verifier that times out is reported as timeout', async () => {
    writeFileSync(path.join(green, 'slow.test.ts'), "import { it } from 'vitest';\nit('waits', async () => { await new Promise((r) => setTimeout(r, 60_000)); }, 120_000);\n");
    const [test] = await runVerifiers(green, detectVerifiers(green, { typecheck: false, lint: false, test: true }), { timeoutMs: 3000, maxOutputBytes: 10_000 });
    expect(test!.status).toBe('timeout');
    expect(test!.outputTail).toContain('killed after 3000 ms');
  });
});
