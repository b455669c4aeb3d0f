import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifierResult } from '../../../src/report/run-report.js';
import { fastVerify, formatFeedback, incrementalTypecheck } from '../../../src/verify/fast/index.js';
import { copyFixture, createTestEnv, writeFixtureRepo, type TestEnv } from '../../support/fixture-repo.js';

const FILES: Record<string, string> = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/use.ts': "import { add } from './math.js';\n\nexport const three: number = add(1, 2);\n",
  'src/far.ts': "import { three } from './use.js';\n\nexport const six: number = three * 2;\n",
  'src/unrelated.ts': 'export const broken: number = 1;\n',
  'test/math.test.ts': "import { expect, it } from 'vitest';\nimport { add } from '../src/math.js';\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n",
};

let env: TestEnv;
let template: string;
beforeAll(() => {
  env = createTestEnv();
  template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'fast', builtinImports: false, files: FILES });
});
afterAll(() => env.cleanup());

const project = (dir: string) => new Project({ tsConfigFilePath: path.join(dir, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
const opts = { timeoutMs: 120_000, maxOutputBytes: 1_000_000 };

describe('incremental typecheck', () => {
  it('checks the changed file and its dependents (two imports away) only, refreshed from disk', () => {
    const dir = copyFixture(template, env);
    const p = project(dir);
    const clean = incrementalTypecheck(p, dir, ['src/math.ts']);
    expect(clean.result.status).toBe('pass');
    expect(clean.checkedFiles.sort()).toEqual(['src/far.ts', 'src/math.ts', 'src/use.ts', 'test/math.test.ts']);

    writeFileSync(path.join(dir, 'src/math.ts'), 'export function add(a: number, b: number): string {\n  return String(a + b);\n}\n');
    const broken = incrementalTypecheck(p, dir, ['src/math.ts']);
    expect(broken.result.status).toBe('fail');
    expect(broken.result.diagnostics.map((d) => `${d.file}:${d.line}:${d.code}`)).toEqual(['src/use.ts:3:TS2322']);
    expect(broken.result.diagnostics[0]).toMatchObject({ file: 'src/use.ts', line: 3, code: 'TS2322' });
  });

  it('a deleted file: its dependents report the missing module', () => {
    const dir = copyFixture(template, env);
    const p = project(dir);
    incrementalTypecheck(p, dir, ['src/math.ts']);
    rmSync(path.join(dir, 'src/math.ts'));
    const r = incrementalTypecheck(p, dir, ['src/math.ts']);
    expect(r.result.diagnostics.map((d) => `${d.file}:${d.code}`).sort()).toEqual(['src/use.ts:TS2307', 'test/math.test.ts:TS2307']);
  });
});

describe('fastVerify', () => {
  it('only NEW errors count: diagnostics present at baseline are not fed back', async () => {
    const dir = copyFixture(template, env);
    writeFileSync(path.join(dir, 'src/use.ts'), "import { add } from './math.js';\n\nexport const three: number = add(1, 2);\nexport const old: string = 1;\nexport const fresh: boolean = 'x';\n");
    const baseline: VerifierResult[] = [
      {
        kind: 'typecheck',
        command: 'tsc',
        status: 'fail',
        exitCode: 2,
        durationMs: 1,
        diagnostics: [{ file: 'src/use.ts', line: 9, column: 14, code: 'TS2322', message: "Type 'number' is not assignable to type 'string'.", severity: 'error' }],
        diagnosticsTotal: 1,
        outputTail: '',
      },
    ];
    const r = await fastVerify({ dir, project: project(dir), changed: ['src/use.ts'], baseline, lint: false, test: false, ...opts });
    expect(r.ok).toBe(false);
    expect(r.newErrors).toHaveLength(1);
    expect(formatFeedback(r)).toBe("src/use.ts:5:14 - error TS2322: Type 'string' is not assignable to type 'boolean'.");
  });

  it('lints the changed files with the repository eslint and runs their related tests with vitest', async () => {
    const dir = copyFixture(template, env);
    writeFileSync(path.join(dir, 'src/math.ts'), 'export function add(a: number, b: number): number {\n  const unused: any = 1;\n  return a - b;\n}\n');
    const baseline: VerifierResult[] = [
      { kind: 'lint', command: 'eslint .', status: 'pass', exitCode: 0, durationMs: 1, diagnostics: [], diagnosticsTotal: 0, outputTail: '' },
      { kind: 'test', command: 'vitest run', status: 'pass', exitCode: 0, durationMs: 1, diagnostics: [], diagnosticsTotal: 0, outputTail: '', tests: { passed: 1, failed: 0, skipped: 0, total: 1 } },
    ];
    const r = await fastVerify({ dir, project: project(dir), changed: ['src/math.ts'], baseline, ...opts });
    expect(r.results.map((x) => x.kind)).toEqual(['typecheck', 'lint', 'test']);
    expect(r.results[1]!.command).toContain('eslint 1 changed file');
    expect(r.newErrors.map((d) => d.code)).toEqual(expect.arrayContaining(['@typescript-eslint/no-unused-vars', '@typescript-eslint/no-explicit-any']));
    expect(r.results[2]!.command).toContain('(related tests)');
    expect(r.results[2]!.tests).toMatchObject({ failed: 1, total: 1 });
    expect(r.ok).toBe(false);
    expect(formatFeedback(r)).toMatch(/src\/math\.ts:2:\d+ - error @typescript-eslint\/no-unused-vars/);
  });
});
