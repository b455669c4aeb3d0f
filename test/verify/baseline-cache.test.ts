/**
 * The baseline cache (src/verify/baseline-cache.ts): its key changes with everything a baseline
 * depends on, only green baselines are stored, and through runJob a second run on the same commit
 * reuses the baseline while a new commit, a changed lockfile or a changed verifier command runs it
 * again. Repository code (in the sandbox) cannot write the cache.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { baselineCacheDir, baselineCacheKey, openBaselineCache, type BaselineKeyInput } from '../../src/verify/baseline-cache.js';
import type { Verifier } from '../../src/verify/detect.js';
import type { VerifierRun } from '../../src/verify/test-cases.js';
import { copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
let template: string;
let migration: LoadedMigration;

beforeAll(async () => {
  env = createTestEnv();
  // typecheck only: one tsc per baseline keeps the file fast.
  template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'cached', eslint: false, packageJson: { scripts: { typecheck: 'tsc --noEmit -p .' } } });
  migration = await getMigration('node-protocol-imports');
});
afterAll(() => env.cleanup());

const tsc: Verifier = { kind: 'typecheck', tool: 'tsc', bin: '/opt/toolbox/tsc', args: ['--noEmit', '-p', '.'], label: 'tsc --noEmit -p .' };
const green: VerifierRun = { kind: 'typecheck', command: 'tsc', status: 'pass', exitCode: 0, durationMs: 1234, diagnostics: [], diagnosticsTotal: 0, outputTail: '' };

function keyInput(dir: string, change: Partial<BaselineKeyInput> = {}): BaselineKeyInput {
  return { repository: '/src/repo', baseCommit: 'a'.repeat(40), dir, verifiers: [tsc], settings: { timeoutMs: 1000 }, godwitVersion: '1.0.0', ...change };
}

describe('baseline cache key', () => {
  it('is stable for the same inputs and changes with each thing a baseline depends on', () => {
    const dir = path.join(env.root, 'key-repo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
    const base = baselineCacheKey(keyInput(dir));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(baselineCacheKey(keyInput(dir))).toBe(base);
    const changed = [
      keyInput(dir, { repository: '/src/other' }),
      keyInput(dir, { baseCommit: 'b'.repeat(40) }),
      keyInput(dir, { verifiers: [{ ...tsc, args: ['--noEmit', '-p', 'tsconfig.build.json'] }] }),
      keyInput(dir, { verifiers: [{ ...tsc, env: { NODE_OPTIONS: '--max-old-space-size=4096' } }] }),
      keyInput(dir, { install: { packageManager: 'npm', command: 'npm ci' } }),
      keyInput(dir, { settings: { timeoutMs: 2000 } }),
      keyInput(dir, { godwitVersion: '1.0.1' }),
    ].map((input) => baselineCacheKey(input));
    for (const key of changed) expect(key).not.toBe(base);
    expect(new Set(changed).size).toBe(changed.length);
    // The lockfile's bytes.
    writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(baselineCacheKey(keyInput(dir))).not.toBe(base);
  });

  it('follows a tool binary outside the clone (a toolbox upgrade), not one inside it', () => {
    const dir = path.join(env.root, 'key-bin');
    const toolbox = path.join(env.root, 'toolbox');
    mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    mkdirSync(toolbox, { recursive: true });
    const outside = path.join(toolbox, 'tsc');
    writeFileSync(outside, '#!/bin/sh\n');
    const input = keyInput(dir, { verifiers: [{ ...tsc, bin: outside }] });
    const before = baselineCacheKey(input);
    utimesSync(outside, new Date(), new Date(Date.now() + 60_000));
    expect(baselineCacheKey(input)).not.toBe(before);
    const inside = path.join(dir, 'node_modules/.bin/tsc');
    writeFileSync(inside, '#!/bin/sh\n');
    const insideInput = keyInput(dir, { verifiers: [{ ...tsc, bin: inside }] });
    const first = baselineCacheKey(insideInput);
    utimesSync(inside, new Date(), new Date(Date.now() + 60_000));
    expect(baselineCacheKey(insideInput)).toBe(first); // a fresh install each run: the lockfile decides
  });

  it('is undefined for an install without a lockfile (its versions may move)', () => {
    const dir = path.join(env.root, 'key-nolock');
    mkdirSync(dir, { recursive: true });
    expect(baselineCacheKey(keyInput(dir, { install: { packageManager: 'npm', command: 'npm install' } }))).toBeUndefined();
    expect(baselineCacheKey(keyInput(dir))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('baseline cache store', () => {
  it('keeps green baselines only, marks hits as cached, and drops expired or foreign entries', async () => {
    const workdir = path.join(env.root, 'store');
    const cache = openBaselineCache(workdir, 60_000);
    const key = 'c'.repeat(64);
    expect(cache.get(key)).toBeUndefined();
    expect(cache.set(key, [{ ...green, status: 'fail', exitCode: 2 }])).toBe(false);
    expect(cache.set(key, [{ ...green, status: 'timeout' }])).toBe(false);
    expect(cache.get(key)).toBeUndefined();
    expect(cache.set(key, [{ ...green, cases: [{ file: 'a.test.ts', name: 'works', status: 'passed' }] }])).toBe(true);
    expect(cache.get(key)).toEqual([{ ...green, cases: [{ file: 'a.test.ts', name: 'works', status: 'passed' }], cached: true }]);
    // Another key's entry copied under this name is not this key's.
    const other = 'd'.repeat(64);
    const file = path.join(baselineCacheDir(workdir), key.slice(0, 2), `${key}.json`);
    const otherFile = path.join(baselineCacheDir(workdir), other.slice(0, 2), `${other}.json`);
    mkdirSync(path.dirname(otherFile), { recursive: true });
    writeFileSync(otherFile, (await import('node:fs')).readFileSync(file));
    expect(cache.get(other)).toBeUndefined();
    // Unreadable → a miss.
    writeFileSync(file, '{not json');
    expect(cache.get(key)).toBeUndefined();
    // Expired → a miss.
    const expiring = openBaselineCache(workdir, 0);
    expiring.set(key, [green]);
    await new Promise((r) => setTimeout(r, 5));
    expect(expiring.get(key)).toBeUndefined();
    expect(() => cache.get('../../etc/passwd')).toThrow(/not a baseline cache key/);
  });
});

describe('runJob with the baseline cache', () => {
  it('a second run on the same commit reuses the green baseline; a new commit runs it again; repository code cannot write the cache', async () => {
    const cacheDir = baselineCacheDir(env.workdir);
    const planted = path.join(cacheDir, 'zz', 'planted.json');
    // The repository's typecheck script also tries to plant an entry in the cache.
    const repo = copyFixture(template, env, 'cache-repo');
    writeFileSync(
      path.join(repo, 'package.json'),
      JSON.stringify({ name: 'cached', version: '1.0.0', private: true, type: 'module', scripts: { typecheck: `${path.join(env.root, 'node_modules/.bin/tsc')} --noEmit -p . && (mkdir -p ${path.dirname(planted)} && echo '{}' > ${planted} || true)` } }, null, 2),
    );
    git(repo, 'commit', '--quiet', '-am', 'typecheck script writes into the cache');

    const first = await runJob({ migration, repo, config: env.config, install: false, dryRun: true });
    expect(first.status, first.reason).toBe('verified');
    expect(first.baseline.map((r) => `${r.kind}:${r.status}:${r.cached ?? false}`)).toEqual(['typecheck:pass:false']);
    expect(readdirSync(cacheDir).filter((d) => d !== 'zz').length).toBe(1);
    expect(existsSync(planted), 'the sandboxed script wrote into the baseline cache').toBe(false);

    const second = await runJob({ migration, repo, config: env.config, install: false, dryRun: true });
    expect(second.status, second.reason).toBe('verified');
    expect(second.baseline.map((r) => `${r.kind}:${r.status}:${r.cached ?? false}`)).toEqual(['typecheck:pass:true']);
    expect(second.logs.map((l) => l.message).join('\n')).toContain('baseline from the cache');
    // The gate still ran its own verifiers.
    expect(second.final.map((r) => `${r.kind}:${r.status}:${r.cached ?? false}`)).toEqual(['typecheck:pass:false']);
    expect(second.diff).toBe(first.diff);

    // A new commit: a new key, the baseline runs again.
    writeFileSync(path.join(repo, 'src/extra.ts'), 'export const extra = 1;\n');
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'extra');
    const third = await runJob({ migration, repo, config: env.config, install: false, dryRun: true });
    expect(third.baseline.map((r) => r.cached ?? false)).toEqual([false]);

    // Turned off: never read.
    const off = await runJob({ migration, repo, config: { ...env.config, verify: { ...env.config.verify, baselineCacheHours: 0 } }, install: false, dryRun: true });
    expect(off.baseline.map((r) => r.cached ?? false)).toEqual([false]);
  });

  it('a red baseline is not cached: a retry runs it again', async () => {
    const repo = copyFixture(template, env, 'red-repo');
    writeFileSync(path.join(repo, 'src/broken.ts'), 'export const n: number = "not a number";\n');
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'broken');
    const first = await runJob({ migration, repo, config: env.config, install: false, dryRun: true });
    expect(first.status).toBe('baseline-broken');
    const retry = await runJob({ migration, repo, config: env.config, install: false, dryRun: true });
    expect(retry.status).toBe('baseline-broken');
    expect(retry.baseline.map((r) => `${r.status}:${r.cached ?? false}`)).toEqual(['fail:false']);
  });
});
