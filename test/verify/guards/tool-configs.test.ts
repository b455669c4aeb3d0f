/**
 * The configuration the verifiers read is frozen to the base commit unless a migration declares
 * it (tool-configs), tsc's real view of a tsconfig (tsconfig-loosened through `extends` and
 * include/exclude), and snapshot files (snapshots): each attack on a real git repository,
 * committed the way the gate commits, and what a migration declares to allow the change.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInput } from '../../../src/catalog/definition.js';
import { coverageThresholds, loweredThresholds } from '../../../src/verify/guards/checks/tool-configs.js';
import { changedValues } from '../../../src/verify/guards/checks/snapshots.js';
import { template, writeFiles } from '../../agent/fixtures.js';
import { guardsAfter as guardsAfterIn } from './helpers.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const PKG = { name: 'x', version: '1.0.0', scripts: { test: 'jest --coverage' }, jest: { testEnvironment: 'node', coverageThreshold: { global: { lines: 90, branches: 80 } } } };
const ESLINT = "export default [{ rules: { 'no-unused-vars': 'error', eqeqeq: 'error' } }];\n";
const JEST = "module.exports = {\n  testEnvironment: 'node',\n  coverageThreshold: { global: { lines: 90, functions: 85 } },\n};\n";
const SNAP = '// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`math renders a table 1`] = `\n"| a | b |\n| 1 | 2 |"\n`;\n';

let tpl: ReturnType<typeof template>;
beforeAll(() => {
  tpl = template({
    'package.json': json(PKG),
    'tsconfig.json': json({ extends: './tsconfig.base.json', include: ['src'] }),
    'tsconfig.base.json': json({ compilerOptions: { strict: true, noEmit: true } }),
    'tsconfig.loose.json': json({ compilerOptions: { strict: false, noEmit: true } }),
    'eslint.config.js': ESLINT,
    'jest.config.js': JEST,
    'vite.config.ts': "export default { build: { outDir: 'dist' } };\n",
    'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n',
    'src/legacy.ts': 'export const legacy = 1;\n',
    'test/__snapshots__/math.test.ts.snap': SNAP,
  });
});
afterAll(() => tpl.cleanup());

function guardsAfter(change: (dir: string) => void, overrides: Partial<MigrationInput> = {}) {
  return guardsAfterIn(() => tpl.copy(), change, { ...overrides, scope: { include: ['**/*'], ...overrides.scope } });
}
const blocking = (findings: Array<{ guard: string; severity: string; message: string }>) => findings.filter((f) => f.severity === 'block').map((f) => `${f.guard}: ${f.message}`);
const edit = (files: Record<string, string>) => (dir: string) => writeFiles(dir, files);

describe('tool-configs', () => {
  it('an ESLint rule turned off, an .eslintignore and a Prettier config block', async () => {
    const findings = await guardsAfter(
      edit({ 'eslint.config.js': ESLINT.replace("eqeqeq: 'error'", "eqeqeq: 'off'"), '.eslintignore': 'src/\n', '.prettierrc': '{ "semi": false }\n' }),
    );
    expect(blocking(findings).map((m) => m.split(';')[0]).sort()).toEqual([
      'tool-configs: .eslintignore (files ESLint skips) was added',
      'tool-configs: .prettierrc (Prettier rules (checked by lint or a format check)) was added',
      'tool-configs: eslint.config.js (ESLint rules (read by the lint verifier)) was modified',
    ]);
    expect(blocking(findings)[0]).toContain("the gate judges with the base commit's tool configuration");
  });

  it('a test excluded through the Jest config or the package.json `jest` key blocks', async () => {
    const config = await guardsAfter(edit({ 'jest.config.js': JEST.replace("testEnvironment: 'node',", "testEnvironment: 'node',\n  testPathIgnorePatterns: ['math'],") }));
    expect(blocking(config)).toEqual([expect.stringMatching(/^tool-configs: jest\.config\.js \(Jest configuration \(which tests run, coverage thresholds\)\) was modified; /)]);
    const key = await guardsAfter(edit({ 'package.json': json({ ...PKG, jest: { ...PKG.jest, testPathIgnorePatterns: ['math'] } }) }));
    expect(blocking(key)).toEqual([expect.stringMatching(/^tool-configs: package\.json: "jest" \(Jest configuration .*\) changed; .* as package\.json#jest$/)]);
  });

  it('a vite config is protected only when it has a `test` block (Vitest reads it)', async () => {
    expect(await guardsAfter(edit({ 'vite.config.ts': "export default { build: { outDir: 'out' } };\n" }))).toEqual([]);
    const withTest = await guardsAfter(edit({ 'vite.config.ts': "export default { build: { outDir: 'dist' }, test: { exclude: ['test/**'] } };\n" }));
    expect(blocking(withTest)).toEqual([expect.stringContaining('vite.config.ts (the `test` block of the Vite configuration (read by Vitest)) was modified')]);
  });

  it('a lowered coverage threshold blocks even when the migration allows the file', async () => {
    const lowered = edit({ 'jest.config.js': JEST.replace('lines: 90', 'lines: 50') });
    expect(blocking(await guardsAfter(lowered))).toHaveLength(2);
    const allowed = await guardsAfter(lowered, { scope: { allowProtected: ['jest.config.*'] } });
    expect(blocking(allowed)).toEqual([
      'tool-configs: coverage threshold `lines` lowered from 90 to 50 (in the changed test configuration); a change must not lower the bar it is judged by',
    ]);
    expect(allowed).toContainEqual(expect.objectContaining({ guard: 'tool-configs', severity: 'warn', message: expect.stringContaining('(allowed by the migration)') }));
  });

  it('jest.config.js → vitest.config.ts declared: a warning when the thresholds carry over, a block when one is dropped', async () => {
    const allowProtected = ['**/jest.config.*', '**/vitest.config.*'];
    const move = (thresholds: string) => (dir: string) => {
      rmSync(path.join(dir, 'jest.config.js'));
      writeFiles(dir, { 'vitest.config.ts': `export default { test: { environment: 'node', coverage: { thresholds: { ${thresholds} } } } };\n` });
    };
    const carried = await guardsAfter(move('lines: 90, functions: 85'), { scope: { allowProtected } });
    expect(blocking(carried)).toEqual([]);
    expect(carried.map((f) => `${f.severity} ${f.file}`).sort()).toEqual(['warn jest.config.js', 'warn vitest.config.ts']);
    const dropped = await guardsAfter(move('lines: 95'), { scope: { allowProtected } });
    expect(blocking(dropped)).toEqual([expect.stringContaining('coverage threshold `functions` (85 at base) is gone')]);
  });

  it('reads thresholds the way Jest, Vitest and nyc write them; lower is looser, negatives included', () => {
    expect(coverageThresholds('{"check-coverage": true, "lines": 80, "branches": 70.5}')).toEqual(new Map([['lines', [80]], ['branches', [70.5]]]));
    expect(loweredThresholds(new Map([['lines', [-10]]]), new Map([['lines', [-20]]]))).toEqual(['coverage threshold `lines` lowered from -10 to -20']);
    expect(loweredThresholds(new Map([['lines', [90, 60]]]), new Map([['lines', [90, 60, 10]]]))).toEqual([]);
  });
});

describe('tsconfig-loosened through tsc’s view of the config', () => {
  it('an `exclude` that drops a file from the typecheck blocks', async () => {
    const findings = await guardsAfter(edit({ 'tsconfig.json': json({ extends: './tsconfig.base.json', include: ['src'], exclude: ['src/legacy.ts'] }) }));
    expect(blocking(findings)).toEqual(['tsconfig-loosened: tsconfig.json loosened: 1 file(s) no longer type-checked (src/legacy.ts)']);
  });

  it('`extends` swapped for a loose base blocks; an unchanged file set and options do not', async () => {
    const swapped = await guardsAfter(edit({ 'tsconfig.json': json({ extends: './tsconfig.loose.json', include: ['src'] }) }));
    expect(blocking(swapped)).toEqual([expect.stringMatching(/^tsconfig-loosened: tsconfig\.json loosened: strict, noImplicitAny, strictNullChecks/)]);
    expect(await guardsAfter(edit({ 'tsconfig.json': json({ extends: './tsconfig.base.json', include: ['src/**/*.ts'] }) }))).toEqual([]);
  });
});

describe('snapshots', () => {
  const broken = SNAP.replace('| 1 | 2 |', '| 1 | 3 |');

  it('a snapshot rewritten to match broken output blocks; so does a deleted one', async () => {
    expect(blocking(await guardsAfter(edit({ 'test/__snapshots__/math.test.ts.snap': broken })))).toEqual([
      "snapshots: test/__snapshots__/math.test.ts.snap (snapshots: the expected output tests compare against) was modified: 1 stored value(s) new, 1 base value(s) gone; list it in the migration's scope.allowProtected if the change is intended",
    ]);
    expect(blocking(await guardsAfter((dir) => rmSync(path.join(dir, 'test/__snapshots__/math.test.ts.snap'))))).toEqual([expect.stringContaining('was deleted')]);
  });

  it('a declared test toolchain move may rename keys and the header, never change a stored value', async () => {
    const declared: Partial<MigrationInput> = { changesToolchain: ['test'], scope: { allowProtected: ['**/__snapshots__/**'] } };
    const renamed = SNAP.replace('// Jest Snapshot v1, https://goo.gl/fbAQLP', '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html').replace('math renders', 'math > renders');
    const keys = await guardsAfter(edit({ 'test/__snapshots__/math.test.ts.snap': renamed }), declared);
    expect(keys).toEqual([expect.objectContaining({ guard: 'snapshots', severity: 'warn' })]);
    const values = await guardsAfter(edit({ 'test/__snapshots__/math.test.ts.snap': broken.replace('math renders', 'math > renders') }), declared);
    expect(blocking(values)).toEqual([expect.stringContaining('a test toolchain change may rename snapshot keys and headers but not change what is stored')]);
    // Without a toolchain move (enzyme → RTL renders differently) a declared change is a warning.
    const other = await guardsAfter(edit({ 'test/__snapshots__/math.test.ts.snap': broken }), { scope: { allowProtected: ['**/*.snap'] } });
    expect(other).toEqual([expect.objectContaining({ guard: 'snapshots', severity: 'warn' })]);
  });

  it('reads stored values with escaped backticks', () => {
    const a = 'exports[`a 1`] = `"x \\` y"`;\n\nexports[`b 1`] = `1`;\n';
    expect(changedValues(a, a.replace('a 1', 'a > a 1'))).toEqual({ added: 0, removed: 0 });
    expect(changedValues(a, a.replace('`1`', '`2`'))).toEqual({ added: 1, removed: 1 });
  });
});
