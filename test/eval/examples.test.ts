/**
 * The sample repositories under examples/ migrate and stay green under the new setup.
 * They need no registry install: each temporary copy commits a `node_modules` symlink to
 * godwit's own node_modules (tsx, typescript, vitest 4, @types/node), which `git clone` keeps.
 * - commonjs-to-esm and node-protocol-imports on examples/cli: the full pipeline (runJob,
 *   dry run, no install) ends `verified` with typecheck and tests green before and after.
 * - jest-to-vitest on examples/service: its baseline would need Jest, which is not installed
 *   offline, so the test applies the migration with the pipeline's own parts (eval's light
 *   path) and then runs the new setup for real (vitest run, tsc); the migrated service then goes
 *   through the full pipeline with node-protocol-imports and ends `verified` under Vitest.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { loadConfig } from '../../src/config/load.js';
import type { GodwitConfig } from '../../src/config/schema.js';
import { applyMigration } from '../../src/eval/apply-migration.js';
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

function run(dir: string, cmd: string, args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, CI: 'true', NO_COLOR: '1' } }) };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-examples-'));
  config = await loadConfig({ cwd: tmp, env: { GODWIT_WORKDIR: path.join(tmp, 'work') } });
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
  it('jest-to-vitest leaves a Vitest suite that passes, then the full pipeline verifies it', async () => {
    const repo = sampleRepo('service');
    const applied = await applyMigration(await getMigration('jest-to-vitest'), repo);
    expect(applied.status).toBe('verified');
    expect(existsSync(path.join(repo, 'jest.config.js'))).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts.test).toBe('vitest run');
    expect(Object.keys(pkg.devDependencies)).not.toContain('jest');
    expect(pkg.devDependencies.vitest).toBe('^4.0.0');

    const tests = run(repo, process.execPath, [path.join(NODE_MODULES, 'vitest', 'vitest.mjs'), 'run']);
    expect(tests.out).toMatch(/Tests\s+4 passed/);
    expect(tests.code).toBe(0);
    expect(run(repo, process.execPath, [path.join(NODE_MODULES, 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']).code).toBe(0);

    // The migrated service is a normal repository now: commit it and run the next migration end to end.
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'jest-to-vitest');
    const report = await runJob({ migration: await getMigration('node-protocol-imports'), repo, config, dryRun: true, install: false });
    expect(report.status).toBe('verified');
    expect(report.baseline.find((v) => v.kind === 'test')?.status).toBe('pass');
  });
});
