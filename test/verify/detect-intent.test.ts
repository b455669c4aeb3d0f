/**
 * Verifiers from the repository's intent: its own scripts (with pre-scripts and environment
 * settings), overrides from its settings or the campaign, and its own binaries only — never
 * godwit's node_modules/.bin, even when godwit runs under `npx`/`npm run`.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectVerifiers } from '../../src/verify/detect.js';
import { parseVerifierFlag, verifierOverridesSchema } from '../../src/verify/overrides.js';
import { runVerifier, runVerifiers } from '../../src/verify/run-verifiers.js';
import { parseScript, verifierArgs } from '../../src/verify/script.js';
import { repositoryPath } from '../../src/process/index.js';
import { createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
const runOpts = { timeoutMs: 120_000, maxOutputBytes: 2_000_000 };
const ALL = { typecheck: true, lint: true, test: true };

beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

describe('scripts as tools', () => {
  it('reads plain tool calls with their environment, and leaves shell syntax to the shell', () => {
    expect(parseScript('NODE_OPTIONS=--experimental-vm-modules jest --runInBand')).toEqual({ tool: 'jest', args: ['--runInBand'], env: { NODE_OPTIONS: '--experimental-vm-modules' } });
    expect(parseScript('cross-env TZ=UTC vitest run --env node')).toEqual({ tool: 'vitest', args: ['run', '--env', 'node'], env: { TZ: 'UTC' } });
    expect(parseScript("eslint 'src/**/*.ts' --max-warnings 0")).toEqual({ tool: 'eslint', args: ['src/**/*.ts', '--max-warnings', '0'], env: {} });
    expect(parseScript('npm run build && jest')).toBeUndefined();
    expect(parseScript('eslint src/**/*.ts')).toBeUndefined();
    expect(parseScript('prettier --check .')).toBeUndefined();
    expect(parseScript('tsc "$FLAGS"')).toBeUndefined();
  });

  it('keeps the intent, drops what watches or fixes, adds machine-readable output', () => {
    expect(verifierArgs({ tool: 'eslint', args: ['src', '--fix', '--format', 'stylish', '--max-warnings=0'], env: {} })).toEqual(['src', '--max-warnings=0', '--format', 'json']);
    expect(verifierArgs({ tool: 'vitest', args: ['--watch', '--config', 'vitest.unit.ts'], env: {} })).toEqual(['run', '--config', 'vitest.unit.ts', '--reporter=json']);
    expect(verifierArgs({ tool: 'jest', args: ['--watchAll', '--runInBand'], env: {} })).toEqual(['--runInBand', '--ci', '--json']);
    expect(verifierArgs({ tool: 'tsc', args: ['-p', 'tsconfig.build.json', '--noEmit'], env: {} })).toEqual(['-p', 'tsconfig.build.json', '--noEmit', '--pretty', 'false']);
  });
});

describe("the repository's own scripts", () => {
  it('a lint script narrower than `eslint .` decides what is linted', async () => {
    const dir = writeFixtureRepo(path.join(env.root, 'narrow-lint'), {
      packageJson: { scripts: { lint: 'eslint src', typecheck: 'tsc --noEmit -p .', test: 'vitest run' } },
      // A file the repository never lints: `eslint .` would report it.
      files: { 'scripts/gen.ts': 'export const x: any = 1;\n' },
    });
    const [lint] = detectVerifiers(dir, { typecheck: false, lint: true, test: false });
    expect(lint).toMatchObject({ tool: 'eslint', label: 'npm run lint', source: 'script', args: ['src', '--format', 'json'] });
    const result = await runVerifier(dir, lint!, runOpts);
    expect(result.status).toBe('pass');
  }, 120_000);

  it("runs the script's pre-script first and passes its environment settings", async () => {
    const dir = writeFixtureRepo(path.join(env.root, 'pretest'), {
      builtinImports: false,
      packageJson: { scripts: { pretest: 'node make-data.cjs', test: 'GODWIT_FIXTURE_GREETING=hello vitest run' } },
      files: {
        'make-data.cjs': "require('node:fs').writeFileSync('generated.json', JSON.stringify({ made: true }));\n",
        'test/data.test.ts': [
          "import { readFileSync } from 'node:fs';",
          "import { expect, it } from 'vitest';",
          "it('sees the pre-script output and the environment', () => {",
          "  expect(JSON.parse(readFileSync('generated.json', 'utf8'))).toEqual({ made: true });",
          "  expect(process.env.GODWIT_FIXTURE_GREETING).toBe('hello');",
          '});',
          '',
        ].join('\n'),
      },
    });
    const [test] = detectVerifiers(dir, { typecheck: false, lint: false, test: true });
    expect(test).toMatchObject({ tool: 'vitest', env: { GODWIT_FIXTURE_GREETING: 'hello' }, before: [{ label: 'npm run pretest' }] });
    const result = await runVerifier(dir, test!, runOpts);
    expect(result.status).toBe('pass');
    expect(result.tests).toMatchObject({ passed: 1, failed: 0 });
  }, 120_000);

  it('a script with shell syntax runs as the script', () => {
    const dir = writeFixtureRepo(path.join(env.root, 'complex'), { packageJson: { scripts: { test: 'node -e 1 && vitest run', typecheck: 'tsc -p . --noEmit' } } });
    expect(detectVerifiers(dir, ALL).map((v) => `${v.kind}:${v.tool}:${v.label}`)).toEqual(['typecheck:tsc:npm run typecheck', 'lint:eslint:eslint .', 'test:npm-script:npm run test']);
  });

  it('pnpm and yarn repositories run their scripts with their own manager', () => {
    const dir = writeFixtureRepo(path.join(env.root, 'pnpm-scripts'), { packageJson: { scripts: { test: 'node -e 1 && vitest run' } } });
    const [test] = detectVerifiers(dir, { typecheck: false, lint: false, test: true }, { packageManager: { manager: 'pnpm' } });
    expect(test).toMatchObject({ bin: 'pnpm', args: ['--silent', 'run', 'test'], label: 'pnpm run test' });
  });
});

describe('overrides', () => {
  it('set a command or turn a kind off; invalid settings are refused', async () => {
    const dir = writeFixtureRepo(path.join(env.root, 'overrides'), {});
    const overrides = verifierOverridesSchema.parse({ lint: false, test: { command: 'vitest run test/files.test.ts', env: { TZ: 'UTC' } }, typecheck: 'node -e "process.exit(0)"' });
    const verifiers = detectVerifiers(dir, ALL, { overrides });
    expect(verifiers.map((v) => `${v.kind}:${v.tool}:${v.label}:${v.source}`)).toEqual([
      'typecheck:npm-script:node -e "process.exit(0)":override',
      'test:vitest:vitest run test/files.test.ts:override',
    ]);
    const results = await runVerifiers(dir, verifiers, runOpts);
    expect(results.map((r) => `${r.kind}:${r.status}`)).toEqual(['typecheck:pass', 'test:pass']);
    expect(verifierOverridesSchema.safeParse({ lint: true }).success).toBe(false);
    expect(verifierOverridesSchema.safeParse({ format: 'x' }).success).toBe(false);
    expect(parseVerifierFlag('lint=off')).toEqual(['lint', false]);
    expect(parseVerifierFlag('test=npm run test:unit')).toEqual(['test', 'npm run test:unit']);
    expect(() => parseVerifierFlag('style=x')).toThrow(/typecheck=/);
  }, 120_000);
});

describe("never godwit's binaries", () => {
  it("strips every node_modules/.bin from PATH and puts the clone's first", () => {
    const p = repositoryPath('/repo', { shimDir: '/cache/corepack/bin', basePath: ['/godwit/node_modules/.bin', '/usr/bin', '/x/node_modules/.bin/', '/bin'].join(path.delimiter) });
    expect(p.split(path.delimiter)).toEqual(['/repo/node_modules/.bin', '/cache/corepack/bin', '/usr/bin', '/bin']);
  });

  it('a script calling a tool the repository lacks does not find one from godwit\'s PATH', async () => {
    const fakeGodwit = mkdtempSync(path.join(os.tmpdir(), 'godwit-fake-'));
    const bin = path.join(fakeGodwit, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'godwit-only-tool'), '#!/bin/sh\necho "godwit\'s own tool ran"\n');
    chmodSync(path.join(bin, 'godwit-only-tool'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    try {
      const dir = writeFixtureRepo(path.join(env.root, 'no-godwit-bins'), { packageJson: { scripts: { lint: 'godwit-only-tool' } } });
      const [lint] = detectVerifiers(dir, { typecheck: false, lint: true, test: false });
      const result = await runVerifier(dir, lint!, runOpts);
      expect(result.status).toBe('fail');
      expect(result.outputTail).not.toContain("godwit's own tool ran");
      expect(result.outputTail).toMatch(/not found/);
    } finally {
      process.env.PATH = savedPath;
      rmSync(fakeGodwit, { recursive: true, force: true });
    }
  }, 60_000);
});
