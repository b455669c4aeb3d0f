/**
 * A declared toolchain change through the real pipeline: jest-to-vitest on a repository with
 * `xit`, `xdescribe`, `fit`, `test.each`, a snapshot file, an inline snapshot, a setup file
 * and a `__mocks__` folder. The baseline runs Jest, the gate runs Vitest (changesToolchain:
 * ['test']) and compares the two runners' JSON reports test by test: the honest migration ends
 * `verified`; the same migration with one test deleted, one test newly skipped or an inline
 * snapshot's value rewritten ends `failed`, naming the guard.
 *
 * No registry: the repository commits a `node_modules` symlink to godwit's own node_modules
 * (jest 29 + ts-jest, vitest 4, typescript), as test/eval/examples.test.ts does, and has no
 * lockfile, so the package changes regenerate nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Codemod, LoadedMigration } from '../../src/catalog/definition.js';
import { getMigration } from '../../src/catalog/registry.js';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { GODWIT_ROOT, testSandbox } from '../support/fixture-repo.js';

// Jest and then Vitest on a shared machine: slow, never a speed test.
vi.setConfig({ testTimeout: 900_000 });

const FILES: Record<string, string> = {
  'package.json': `${JSON.stringify(
    {
      name: 'toolchain-fixture',
      version: '1.0.0',
      private: true,
      scripts: { test: 'jest', typecheck: 'tsc --noEmit -p tsconfig.json' },
      devDependencies: { '@types/jest': '^29.5.12', '@types/node': '^20.19.0', jest: '^29.7.0', 'ts-jest': '^29.1.2', typescript: '^5.8.0' },
    },
    null,
    2,
  )}\n`,
  // The setup file is loaded by the Jest config: protected like it (tool-configs), and allowed
  // with it because jest-to-vitest declares the Jest config.
  'jest.config.js': "/** @type {import('jest').Config} */\nmodule.exports = {\n  preset: 'ts-jest',\n  testEnvironment: 'node',\n  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],\n};\n",
  'test/setup.ts': 'afterEach(() => {\n  jest.clearAllMocks();\n});\n',
  'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node', 'jest'] }, include: ['src', 'test'] }, null, 2)}\n`,
  '.gitignore': 'coverage/\n',
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function multiply(a: number, b: number): number {\n  return a * b;\n}\n',
  'src/clock.ts': "export function now(): string {\n  return new Date().toISOString();\n}\n",
  'src/__mocks__/clock.ts': "export function now(): string {\n  return '2020-01-01T00:00:00.000Z';\n}\n",
  'src/stamp.ts': "import { now } from './clock';\n\nexport function stamp(text: string): string {\n  return `${now()} ${text}`;\n}\n",
  'test/math.test.ts': [
    "import { add, multiply } from '../src/math';",
    '',
    "describe('math', () => {",
    "  it('adds', () => {",
    '    expect(add(1, 2)).toBe(3);',
    '  });',
    "  it('multiplies', () => {",
    '    expect(multiply(2, 3)).toBe(6);',
    '  });',
    "  xit('divides (not written yet)', () => {",
    '    expect(true).toBe(false);',
    '  });',
    "  test.each([\n    [1, 1, 2],\n    [2, 3, 5],\n  ])('add(%i, %i) = %i', (a, b, sum) => {",
    '    expect(add(a, b)).toBe(sum);',
    '  });',
    // An inline snapshot: its stored value must come through the move unchanged (inline-snapshots).
    "  it('sums inline', () => {",
    '    expect({ sum: add(2, 2) }).toMatchInlineSnapshot(`',
    '      {',
    '        "sum": 4,',
    '      }',
    '    `);',
    '  });',
    '});',
    '',
    // Top level: Jest keys a snapshot in a describe as "math renders a table 1", Vitest as
    // "math > renders a table 1", and jest-to-vitest does not rewrite .snap files (yet).
    "it('renders a table', () => {",
    "  expect([add(1, 1), multiply(2, 2)]).toMatchSnapshot();",
    '});',
    '',
    "xdescribe('later', () => {",
    "  it('subtracts', () => {",
    '    expect(add(1, -1)).toBe(0);',
    '  });',
    '});',
    '',
  ].join('\n'),
  'test/__snapshots__/math.test.ts.snap': [
    '// Jest Snapshot v1, https://goo.gl/fbAQLP',
    '',
    'exports[`renders a table 1`] = `',
    '[',
    '  2,',
    '  4,',
    ']',
    '`;',
    '',
  ].join('\n'),
  'test/stamp.test.ts': [
    "import { stamp } from '../src/stamp';",
    '',
    "jest.mock('../src/clock');",
    '',
    "describe('stamp', () => {",
    "  fit('uses the mocked clock', () => {",
    "    expect(stamp('hi')).toBe('2020-01-01T00:00:00.000Z hi');",
    '  });',
    "  it('is not focused', () => {",
    "    expect(stamp('x')).toContain('x');",
    '  });',
    '});',
    '',
  ].join('\n'),
};

let tmp: string;
let config: GodwitConfig;
let template: string;

function git(dir: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
}

function fixtureRepo(): string {
  const dir = path.join(tmp, `repo-${Math.random().toString(36).slice(2, 8)}`);
  execFileSync('cp', ['-a', template, dir]);
  return dir;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-toolchain-'));
  template = path.join(tmp, 'template');
  for (const [rel, content] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(template, rel)), { recursive: true });
    writeFileSync(path.join(template, rel), content);
  }
  symlinkSync(path.join(GODWIT_ROOT, 'node_modules'), path.join(template, 'node_modules'));
  git(template, 'init', '-q', '-b', 'main');
  git(template, 'add', '-A');
  git(template, 'commit', '-q', '-m', 'fixture');
  config = configSchema.parse({ workdir: path.join(tmp, 'work'), sandbox: testSandbox() });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** jest-to-vitest as registered, with `sabotage` run on the Project after its own codemod. */
async function jestToVitest(sabotage?: (project: Project) => void): Promise<LoadedMigration> {
  const loaded = await getMigration('jest-to-vitest');
  if (!sabotage) return loaded;
  const codemod: Codemod = async (project, ctx) => {
    await loaded.definition.codemod!(project, ctx);
    sabotage(project);
  };
  return { ...loaded, definition: { ...loaded.definition, codemod } };
}

function editTestFile(project: Project, rel: string, edit: (text: string) => string): void {
  const file = project.getSourceFileOrThrow((f) => f.getFilePath().endsWith(rel));
  file.replaceWithText(edit(file.getFullText()));
}

describe('jest-to-vitest under the gate', () => {
  it('ends verified: every test that passed under Jest passes under Vitest, skips unchanged', async () => {
    const report = await runJob({ migration: await jestToVitest(), repo: fixtureRepo(), config, dryRun: true, install: false });
    expect(report.status, report.reason).toBe('verified');
    const before = report.baseline.find((v) => v.kind === 'test')!;
    const after = report.final.find((v) => v.kind === 'test')!;
    // Both run the repository's `test` script (Jest before, `vitest run` after): the labels are the script's.
    expect(before.command).toBe('npm run test');
    expect(report.logs.map((l) => l.message).join('\n')).toMatch(/verifiers changed with the migration \(changesToolchain\)|vitest/);
    // adds, multiplies, 2 × each, inline, table, focused stamp: 7 pass; xit, xdescribe's test, the unfocused one: 3 skipped.
    expect(before.tests).toMatchObject({ passed: 7, failed: 0, skipped: 3 });
    expect(after.tests).toMatchObject({ passed: 7, failed: 0, skipped: 3 });
    expect(report.guards.filter((g) => g.severity === 'block')).toEqual([]);
    // The setup file the Jest config loads was rewritten: allowed with the config, and shown.
    expect(report.guards).toContainEqual(expect.objectContaining({ guard: 'tool-configs', severity: 'warn', file: 'test/setup.ts' }));
    expect(report.diff).toContain('vi.clearAllMocks()');
    expect(report.diff).toContain("+  it.skip('divides (not written yet)'");
    expect(report.diff).toContain("+  it.only('uses the mocked clock'");
    expect(report.diff).toContain("+vi.mock('../src/clock');");
  });

  it('ends failed when the migration also deletes a test (missing-tests)', async () => {
    const migration = await jestToVitest((project) =>
      editTestFile(project, 'test/math.test.ts', (t) => t.replace("  it('multiplies', () => {\n    expect(multiply(2, 3)).toBe(6);\n  });\n", '')),
    );
    const report = await runJob({ migration, repo: fixtureRepo(), config, dryRun: true, install: false });
    expect(report.status).toBe('failed');
    expect(report.guards).toContainEqual(expect.objectContaining({ guard: 'missing-tests', severity: 'block', message: expect.stringContaining('"math multiplies" passed at baseline') }));
    expect(report.reason).toMatch(/guard missing-tests/);
  });

  it('ends failed when the migration also skips a test (skipped-tests, from the runner report)', async () => {
    const migration = await jestToVitest((project) => editTestFile(project, 'test/math.test.ts', (t) => t.replace("  it('adds', () => {", "  it.skip('adds', () => {")));
    const report = await runJob({ migration, repo: fixtureRepo(), config, dryRun: true, install: false });
    expect(report.status).toBe('failed');
    expect(report.guards).toContainEqual(expect.objectContaining({ guard: 'skipped-tests', severity: 'block', message: '"math adds" passed at baseline and is skipped now (runner report)' }));
    expect(report.reason).toMatch(/guard skipped-tests/);
  });

  it('ends failed when the migration also rewrites an inline snapshot’s stored value (inline-snapshots)', async () => {
    const migration = await jestToVitest((project) => editTestFile(project, 'test/math.test.ts', (t) => t.replace('"sum": 4,', '"sum": 5,').replace('add(2, 2)', 'add(2, 3)')));
    const report = await runJob({ migration, repo: fixtureRepo(), config, dryRun: true, install: false });
    expect(report.status).toBe('failed');
    expect(report.guards).toContainEqual(expect.objectContaining({ guard: 'inline-snapshots', severity: 'block', file: 'test/math.test.ts' }));
  });
});
