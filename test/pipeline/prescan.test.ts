/**
 * The pre-scan: a repository with nothing to change ends no-changes before any install or
 * baseline; one with work goes on from an untouched working tree. Without an install, the
 * codemod stage writes the pre-scan's run instead of running the codemod again — unless the
 * workspace is no longer as the pre-scan saw it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
beforeAll(() => {
  env = createTestEnv();
});
afterAll(() => env.cleanup());

const MIGRATED = {
  'src/files.ts': "import { readFileSync } from 'node:fs';\n\nexport const read = (p: string): string => readFileSync(p, 'utf8');\n",
  'src/reexports.ts': null,
  'src/dynamic.ts': null,
  'src/ambient.d.ts': null,
  'src/local.ts': null,
  'test/files.test.ts': "import { expect, it } from 'vitest';\n\nit('works', () => expect(1).toBe(1));\n",
};

describe('pre-scan', () => {
  it('ends no-changes without installing or running a baseline when nothing is left to change', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'migrated'), { files: MIGRATED });
    const migration = await getMigration('node-protocol-imports');
    const report = await runJob({ migration, repo, config: env.config, dryRun: true, keepWorkdir: true });
    expect(report.status, report.reason).toBe('no-changes');
    expect(report.reason).toMatch(/nothing to change: no site found, and the codemod changes no file/);
    expect(report.sites).toMatchObject({ found: 0, handledByCodemod: 0, left: 0 });
    expect(report.stages.map((s) => s.name)).toEqual(['prepare']);
    expect(report.stages[0]!.summary).toContain('nothing installed');
    expect(report.install).toBeUndefined();
    expect(report.baseline).toEqual([]);
    const kept = report.logs.find((l) => l.message.startsWith('workspace kept at '))!.message.replace('workspace kept at ', '');
    expect(existsSync(path.join(kept, 'node_modules'))).toBe(false);
  }, 120_000);

  it('a migration with work: the pre-scan leaves the clone untouched for install and baseline', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'work-to-do'), {});
    const migration = await getMigration('node-protocol-imports');
    const report = await runJob({ migration, repo, config: env.config, dryRun: true });
    expect(report.status, report.reason).toBe('verified');
    expect(report.logs.some((l) => /pre-scan: 4 file\(s\) to change/.test(l.message))).toBe(true);
    // The baseline ran on the untouched tree: its typecheck saw no node: imports yet and passed.
    expect(report.baseline.every((r) => r.status === 'pass')).toBe(true);
    expect(report.changedFiles.map((f) => f.path)).toEqual(['src/dynamic.ts', 'src/files.ts', 'src/reexports.ts', 'test/files.test.ts']);
    // An install ran: the codemod stage runs the codemod again, against the installed packages.
    expect(report.install).toBeDefined();
    expect(report.logs.some((l) => /pre-scan's codemod run is reused/.test(l.message))).toBe(false);
  }, 300_000);

  // With a declared package change: @types/node 14 has no node: modules and is upgraded.
  const CHANGED = ['package.json', 'src/dynamic.ts', 'src/files.ts', 'src/reexports.ts', 'test/files.test.ts'];
  const REUSED = /the pre-scan's codemod run is reused: 5 file\(s\) written back/;

  it('no install: the codemod stage reuses the pre-scan\'s run; a verifier that leaves a file behind makes it run the codemod again, with the same change', async () => {
    const migration = await getMigration('node-protocol-imports');
    const run = async (name: string, files: Record<string, string>) => {
      const repo = writeFixtureRepo(path.join(env.root, name), { name: 'svc', eslint: false, packageJson: { scripts: { typecheck: 'tsc --noEmit -p .' }, devDependencies: { '@types/node': '^14.0.0' } }, files: { 'package-lock.json': null, ...files } });
      const report = await runJob({ migration, repo, config: env.config, dryRun: true, install: false });
      expect(report.status, report.reason).toBe('verified');
      expect(report.install).toBeUndefined();
      expect(report.changedFiles.map((f) => f.path)).toEqual(CHANGED);
      expect(report.dependencies?.upgraded).toEqual({ '@types/node': '^20.0.0' });
      return report;
    };
    const reused = await run('reused', {});
    expect(reused.logs.some((l) => REUSED.test(l.message))).toBe(true);
    // The baseline's typecheck leaves an ignored build-info file: the workspace is not the pre-scan's any more.
    const tsconfig = JSON.parse(readFileSync(path.join(env.root, 'reused', 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    Object.assign(tsconfig.compilerOptions, { incremental: true, tsBuildInfoFile: '.tsbuildinfo' });
    const again = await run('again', { 'tsconfig.json': JSON.stringify(tsconfig), '.gitignore': 'node_modules/\n.tsbuildinfo\n' });
    expect(again.logs.some((l) => /pre-scan's codemod run is reused/.test(l.message))).toBe(false);
    expect(again.baseline.every((r) => r.status === 'pass' && !r.cached)).toBe(true);
    expect(again.diff).toBe(reused.diff);
    expect(again.sites).toEqual(reused.sites);
  }, 300_000);
});

