/**
 * The sample repositories under examples/ migrate and stay green under the new setup, through
 * the full pipeline (runJob, dry run, no install). They need no registry install: each temporary
 * copy commits a `node_modules` symlink to godwit's own node_modules (tsx, typescript, vitest 4,
 * jest 29 + ts-jest, @types/node), which `git clone` keeps.
 * - commonjs-to-esm and node-protocol-imports on examples/cli end `verified` with typecheck and
 *   tests green before and after.
 * - node-protocol-imports on examples/component-library (React 18, Enzyme, Jest + jsdom, all from
 *   godwit's devDependencies) ends `verified`: tsc and the Enzyme tests green before and after.
 * - jest-to-vitest on examples/service: the baseline runs Jest (green), the codemod and the
 *   migration's package changes (no lockfile in the sample, so nothing to regenerate and no
 *   registry) leave a Vitest suite, and the final verifiers run Vitest (green, same test count).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { loadConfig } from '../../src/config/load.js';
import type { GodwitConfig } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

let tmp: string;
let config: GodwitConfig;

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
}

/** A git repository holding a copy of examples/<name> and a committed node_modules symlink. */
function sampleRepo(name: string): string {
  const dir = path.join(tmp, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(path.join(ROOT, 'examples', name), dir, { recursive: true });
  symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-examples-'));
  config = await loadConfig({ cwd: tmp, env: { GODWIT_WORKDIR: path.join(tmp, 'work'), GODWIT_SANDBOX_TOOLBOX: NODE_MODULES } });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('examples/cli', () => {
  it('commonjs-to-esm ends verified with typecheck and tests green', async () => {
    const repo = sampleRepo('cli');
    const report = await runJob({ migration: await getMigration('commonjs-to-esm'), repo, config, dryRun: true, install: false });
    expect(report.reason).toContain('pass');
    expect(report.status).toBe('verified');
    expect(report.final.length).toBeGreaterThan(0);
    expect(report.final.every((v) => v.status === 'pass' || v.status === 'skipped')).toBe(true);
    expect(report.changedFiles.map((f) => f.path).sort()).toEqual(expect.arrayContaining(['src/args.ts', 'src/count.ts', 'src/format.ts', 'src/main.ts']));
    expect(report.diff).toContain("+import { parseArgs } from './args';");
  });

  it('node-protocol-imports ends verified', async () => {
    const repo = sampleRepo('cli');
    const report = await runJob({ migration: await getMigration('node-protocol-imports'), repo, config, dryRun: true, install: false });
    expect(report.status).toBe('verified');
    expect(report.diff).toContain("+import path = require('node:path');");
  });
});

describe('examples/service', () => {
  it('jest-to-vitest ends verified: Jest green at baseline, Vitest green after', async () => {
    const repo = sampleRepo('service');
    const report = await runJob({ migration: await getMigration('jest-to-vitest'), repo, config, dryRun: true, install: false });
    expect(report.reason).toContain('pass');
    expect(report.status).toBe('verified');

    const baselineTest = report.baseline.find((v) => v.kind === 'test');
    // The repository's own `test` script (`jest` at the base commit) is what runs.
    expect(baselineTest?.command).toMatch(/^(npm run test|jest\b)/);
    expect(baselineTest?.status).toBe('pass');
    expect(baselineTest?.tests?.passed).toBeGreaterThan(0);
    expect(baselineTest?.tests?.failed).toBe(0);
    const finalTest = report.final.find((v) => v.kind === 'test');
    expect(finalTest?.command).toMatch(/^(npm run test|vitest\b)/);
    expect(finalTest?.status).toBe('pass');
    expect(finalTest?.tests?.failed).toBe(0);
    expect(finalTest?.tests?.passed).toBe(baselineTest?.tests?.passed);
    for (const results of [report.baseline, report.final]) {
      expect(results.find((v) => v.kind === 'typecheck')).toMatchObject({ command: expect.stringMatching(/^(npm run typecheck|tsc\b)/), status: 'pass' });
    }

    expect(report.dependencies?.removed.sort()).toEqual(['@types/jest', 'jest', 'ts-jest']);
    // engines.node >=18: Vitest 4 needs Node 20, so the toolchain rule picks Vitest 3.2.
    expect(report.dependencies?.added).toEqual({ vitest: '^3.2.0' });
    const changed = report.changedFiles.map((f) => f.path);
    expect(changed).toEqual(expect.arrayContaining(['jest.config.js', 'vitest.config.ts', 'package.json', 'test/notes.test.ts', 'test/server.test.ts']));
    expect(changed).not.toContain('package-lock.json');
    expect(report.diff).toContain('-    "test": "jest"');
    expect(report.diff).toContain('+    "test": "vitest run"');
    expect(report.diff).toMatch(/\+import \{[^}]*\bvi\b[^}]*\} from 'vitest';/);
    expect(report.diff).toContain("+  const logger = { info: vi.fn() };");
  });
});

describe('examples/component-library', () => {
  it('node-protocol-imports ends verified: tsc and the Enzyme tests (jsdom) green before and after', async () => {
    const repo = sampleRepo('component-library');
    const report = await runJob({ migration: await getMigration('node-protocol-imports'), repo, config, dryRun: true, install: false });
    expect(report.status, report.reason).toBe('verified');
    for (const results of [report.baseline, report.final]) {
      expect(results.find((v) => v.kind === 'typecheck')).toMatchObject({ command: expect.stringMatching(/^(npm run typecheck|tsc\b)/), status: 'pass' });
      const test = results.find((v) => v.kind === 'test');
      expect(test).toMatchObject({ command: expect.stringMatching(/^(npm run test|jest\b)/), status: 'pass' });
      expect(test?.tests).toMatchObject({ passed: 4, failed: 0 });
    }
    expect(report.changedFiles.map((f) => f.path)).toEqual(['src/test-utils/fixtures.ts']);
    expect(report.diff).toContain("+import { readFileSync } from 'node:fs';");
    expect(report.diff).toContain("+import path from 'node:path';");
  });
});
