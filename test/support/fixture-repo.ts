/**
 * Builds small TypeScript fixture repositories (git, package.json + package-lock.json,
 * tsconfig, a vitest test, an ESLint config) for pipeline, workspace and CLI tests.
 *
 * How the fixtures get their tools without a network: a test environment is a temp folder
 * whose `node_modules` is a symlink to godwit's own node_modules. Fixture repositories and
 * godwit's workdir (where runs clone into) live *inside* that folder, so the repositories'
 * tools are found the way Node and npm find them — in an ancestor's node_modules:
 * `findBin()` walks up to `node_modules/.bin/tsc`, TypeScript resolves `@types/node` and
 * `vitest` types from ancestors, vitest and eslint resolve their imports the same way. The
 * fixtures therefore declare no dependencies: their lockfile is a real, empty npm lockfile
 * and `npm ci --ignore-scripts` runs offline in about a second. Build a template once per
 * test file (beforeAll) and copy it per test with copyFixture().
 *
 * The sandbox (src/process/sandbox.ts) hides the host from repository commands, godwit's checkout
 * included: the test env's config names both node_modules (the link and godwit's own, which
 * fixtures that commit a node_modules symlink point at) as the sandbox's read-only toolbox
 * (`sandbox.readOnlyPaths`), and makes that the process's sandbox setting for tests that call
 * installs and verifiers directly.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { configureSandbox } from '../../src/process/index.js';

export const GODWIT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface TestEnv {
  /** Temp folder with `node_modules` → godwit's node_modules. */
  root: string;
  /** godwit's workdir for this test file (under root). */
  workdir: string;
  config: GodwitConfig;
  cleanup(): void;
}

/** godwit's own node_modules: what fixture repositories borrow their tools from. */
export const GODWIT_NODE_MODULES = path.join(GODWIT_ROOT, 'node_modules');

/** Sandbox settings whose toolbox holds godwit's node_modules (and `also`), for tests' configs. */
export function testSandbox(also: string[] = [], base: Partial<GodwitConfig['sandbox']> = {}): GodwitConfig['sandbox'] {
  return configSchema.shape.sandbox.parse({ ...base, readOnlyPaths: [GODWIT_NODE_MODULES, ...also, ...(base.readOnlyPaths ?? [])] });
}

export function createTestEnv(overrides: Partial<GodwitConfig> = {}): TestEnv {
  const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-test-'));
  symlinkSync(GODWIT_NODE_MODULES, path.join(root, 'node_modules'), 'dir');
  const workdir = path.join(root, 'work');
  mkdirSync(workdir);
  const config = configSchema.parse({ workdir, ...overrides, sandbox: testSandbox([path.join(root, 'node_modules')], overrides.sandbox) });
  configureSandbox(config.sandbox);
  // `godwit` processes the tests start read the toolbox from the environment (config's env table).
  process.env.GODWIT_SANDBOX_TOOLBOX = config.sandbox.readOnlyPaths.join(':');
  return { root, workdir, config, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' },
  }).trim();
}

/** Source files using Node built-ins in every form node-protocol-imports handles. */
export const BUILTIN_IMPORT_FILES: Record<string, string> = {
  'src/files.ts': [
    "import { readFileSync } from 'fs';",
    "import * as path from 'path';",
    "import { readFile } from 'fs/promises';",
    "import os = require('os');",
    '',
    'export function baseName(p: string): string {',
    '  return path.basename(p);',
    '}',
    '',
    'export async function readText(p: string): Promise<string> {',
    "  return readFile(p, 'utf8');",
    '}',
    '',
    'export function readSync(p: string): string {',
    "  return readFileSync(p, 'utf8');",
    '}',
    '',
    'export function home(): string {',
    '  return os.homedir();',
    '}',
    '',
  ].join('\n'),
  'src/reexports.ts': ["export { join, sep } from 'path';", "export type { Stats } from 'fs';", ''].join('\n'),
  'src/dynamic.ts': [
    'export async function urlOf(p: string): Promise<string> {',
    "  const url = await import('url');",
    '  return url.pathToFileURL(p).href;',
    '}',
    '',
    'export function cpus(): number {',
    "  const os = require('os') as typeof import('os');",
    '  return os.cpus().length;',
    '}',
    '',
  ].join('\n'),
  'src/ambient.d.ts': ["declare module 'fs' {", '  export const godwitFixtureMarker: number;', '}', ''].join('\n'),
  'src/local.ts': ["import { baseName } from './files.js';", '', 'export const here = baseName(\'/a/b.txt\');', ''].join('\n'),
  'test/files.test.ts': [
    "import { describe, expect, it, vi } from 'vitest';",
    "import { baseName, readSync } from '../src/files.js';",
    '',
    "vi.mock('fs', async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), readFileSync: () => 'mocked' }));",
    '',
    "describe('files', () => {",
    "  it('takes the base name', () => {",
    "    expect(baseName('/x/y.txt')).toBe('y.txt');",
    '  });',
    "  it('reads through the mock', () => {",
    "    expect(readSync('/nope')).toBe('mocked');",
    '  });',
    '});',
    '',
  ].join('\n'),
};

export interface FixtureOptions {
  name?: string;
  /** Extra or replacement files (path → content); `null` removes a default file. */
  files?: Record<string, string | null>;
  /** Merged into package.json. */
  packageJson?: Record<string, unknown>;
  /** Include the default built-in-import sources and test (default true). */
  builtinImports?: boolean;
  /** Include eslint.config.js (default true). */
  eslint?: boolean;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['src', 'test'],
};

const ESLINT_CONFIG = [
  "import tseslint from 'typescript-eslint';",
  '',
  "export default tseslint.config(...tseslint.configs.recommended, { rules: { '@typescript-eslint/no-require-imports': 'off' } });",
  '',
].join('\n');

/** Writes a fixture repository with one commit on `main` into `dir`. */
export function writeFixtureRepo(dir: string, options: FixtureOptions = {}): string {
  const name = options.name ?? path.basename(dir);
  const pkg = {
    name,
    version: '1.0.0',
    private: true,
    type: 'module',
    engines: { node: '>=20' },
    scripts: { test: 'vitest run', typecheck: 'tsc --noEmit -p .' },
    ...options.packageJson,
  };
  const files: Record<string, string | null> = {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '1.0.0' } } }, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
    'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    ...(options.eslint === false ? {} : { 'eslint.config.js': ESLINT_CONFIG }),
    ...(options.builtinImports === false ? {} : BUILTIN_IMPORT_FILES),
    ...options.files,
  };
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    if (content === null) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  return dir;
}

/** Copies a template repository (with its .git) to a new folder under the test env's root. */
export function copyFixture(template: string, env: TestEnv, name = `repo-${Math.random().toString(36).slice(2, 8)}`): string {
  const dest = path.join(env.root, name);
  cpSync(template, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}
