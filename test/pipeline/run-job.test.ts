/**
 * runJob end to end on real fixture repositories: real git, real tsc/eslint/vitest (the
 * fixtures resolve godwit's own installs, see test/support/fixture-repo.ts), local forge.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration, loadMigrationDefinition } from '../../src/catalog/registry.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { runReportSchema, type RunReport } from '../../src/report/run-report.js';
import { copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
let template: string;
let migration: LoadedMigration;

beforeAll(async () => {
  env = createTestEnv();
  template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'sample' });
  migration = await getMigration('node-protocol-imports');
});
afterAll(() => env.cleanup());

function snapshotRepo(dir: string): { head: string; branch: string; status: string; files: string } {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    branch: git(dir, 'symbolic-ref', '--short', 'HEAD'),
    status: git(dir, 'status', '--porcelain', '--untracked-files=all'),
    files: readFileSync(path.join(dir, 'src/files.ts'), 'utf8'),
  };
}

function branchExists(dir: string, branch: string): boolean {
  return git(dir, 'branch', '--list', branch) !== '';
}

/** A test-only migration (not in the registry) loaded like the registry loads one. */
function testMigration(id: string, codemod: LoadedMigration['definition']['codemod'], verify = { typecheck: true, lint: false, test: false }): LoadedMigration {
  return loadMigrationDefinition({ id, title: `Test ${id}`, description: 'test-only migration', codemod, verify, pr: { title: `Test ${id}` } }, undefined);
}

describe('runJob', () => {
  it('migrates a fixture repository: verified, one commit on godwit/node-protocol-imports, source tree untouched; again → no-changes', async () => {
    const repo = copyFixture(template, env, 'verified');
    const before = snapshotRepo(repo);
    const stages: string[] = [];
    const report = await runJob({ migration, repo, config: env.config, onStage: (e) => stages.push(`${e.stage}:${e.phase}`) });
    runReportSchema.parse(report);

    expect(report.status, report.reason).toBe('verified');
    expect(report.changedFiles.map((f) => f.path)).toEqual(['src/dynamic.ts', 'src/files.ts', 'src/reexports.ts', 'test/files.test.ts']);
    expect(report.diff).toContain("+import { readFile } from 'node:fs/promises';");
    expect(report.baseline.map((r) => `${r.kind}:${r.status}`)).toEqual(['typecheck:pass', 'lint:pass', 'test:pass']);
    expect(report.final.map((r) => `${r.kind}:${r.status}`)).toEqual(['typecheck:pass', 'lint:pass', 'test:pass']);
    expect(report.final.find((r) => r.kind === 'test')?.tests).toMatchObject({ passed: 2, total: 2 });
    expect(report.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'prepare:ok',
      'baseline:ok',
      'codemod:ok',
      'agent:skipped',
      'gate:ok',
      'publish:ok',
    ]);
    expect(stages[0]).toBe('prepare:start');
    expect(stages.at(-1)).toBe('publish:end');
    expect(report.pr).toMatchObject({ action: 'created', branch: 'godwit/node-protocol-imports' });

    // The source repository: the new branch with exactly one godwit commit on top of main…
    expect(git(repo, 'rev-list', '--count', 'main..godwit/node-protocol-imports')).toBe('1');
    expect(git(repo, 'log', '-1', '--format=%an <%ae>|%s', 'godwit/node-protocol-imports')).toBe(
      'godwit <godwit@users.noreply.github.com>|Use node: specifiers for Node.js built-in modules',
    );
    // …while its checked-out branch and working tree are exactly as before.
    expect(snapshotRepo(repo)).toEqual(before);
    // The ambient `declare module 'fs'` is untouched on the branch too.
    expect(git(repo, 'show', 'godwit/node-protocol-imports:src/ambient.d.ts')).toContain("declare module 'fs'");
    // The workspace is gone; the local PR record is there.
    expect(existsSync(path.join(env.workdir, 'runs', report.runId))).toBe(false);
    const record = JSON.parse(readFileSync(new URL(report.pr!.url!), 'utf8')) as { state: string; diff: string; title: string };
    expect(record.state).toBe('open');
    expect(record.diff).toContain('node:path');

    // Running on the migrated content: nothing left to do.
    git(repo, 'merge', '--quiet', '--ff-only', 'godwit/node-protocol-imports');
    const again = await runJob({ migration, repo, config: env.config, install: false });
    expect(again.status, again.reason).toBe('no-changes');
    expect(again.changedFiles).toEqual([]);
    // The pre-scan finds nothing to change: no install, no baseline.
    expect(again.stages.map((s) => s.name)).toEqual(['prepare']);
    expect(again.reason).toMatch(/nothing to change/);
  }, 400_000);

  it('ends baseline-broken with the failing diagnostics when the typecheck is red before any change', async () => {
    const repo = copyFixture(template, env, 'broken');
    writeFileSync(path.join(repo, 'src/broken.ts'), "export const n: number = 'not a number';\n");
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'break the types');
    const report = await runJob({ migration, repo, config: env.config, install: false });
    runReportSchema.parse(report);
    expect(report.status).toBe('baseline-broken');
    const typecheck = report.baseline.find((r) => r.kind === 'typecheck')!;
    expect(typecheck.status).toBe('fail');
    expect(typecheck.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/broken.ts', line: 1, code: 'TS2322' }));
    expect(report.reason).toContain('src/broken.ts:1');
    expect(report.stages.map((s) => s.name)).toEqual(['prepare', 'baseline']);
    expect(branchExists(repo, 'godwit/node-protocol-imports')).toBe(false);
  });

  it('ends not-applicable when engines.node allows Node 12', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'old-node'), { packageJson: { engines: { node: '>=12' } } });
    const report = await runJob({ migration, repo, config: env.config });
    runReportSchema.parse(report);
    expect(report.status).toBe('not-applicable');
    expect(report.reason).toMatch(/engines\.node ">=12" allows Node 12\.0\.0/);
    expect(report.stages.map((s) => s.name)).toEqual(['prepare']);
    expect(report.baseline).toEqual([]);
  });

  it('ends failed and pushes nothing when a codemod breaks the typecheck', async () => {
    const repo = copyFixture(template, env, 'breaks');
    const breaker = testMigration('break-types', (project) => {
      for (const f of project.getSourceFiles()) {
        const fn = f.getFunction('baseName');
        if (fn) fn.setReturnType('number');
      }
    });
    const report = await runJob({ migration: breaker, repo, config: env.config, install: false });
    runReportSchema.parse(report);
    expect(report.status).toBe('failed');
    const typecheck = report.final.find((r) => r.kind === 'typecheck')!;
    expect(typecheck.newDiagnostics?.length).toBeGreaterThan(0);
    expect(typecheck.newDiagnostics?.[0]).toMatchObject({ file: 'src/files.ts', code: 'TS2322' });
    expect(report.reason).toMatch(/typecheck: \d+ new diagnostic/);
    expect(report.pr).toMatchObject({ action: 'skipped' });
    expect(report.changedFiles.map((f) => f.path)).toEqual(['src/files.ts']);
    expect(branchExists(repo, 'godwit/break-types')).toBe(false);
  });

  it('ends error codemod-failed naming the migration when the codemod throws, and keeps the workdir on request', async () => {
    const repo = copyFixture(template, env, 'throws');
    const throwing = testMigration('throws', () => {
      throw new Error('boom');
    });
    const report = await runJob({ migration: throwing, repo, config: env.config, install: false, keepWorkdir: true });
    runReportSchema.parse(report);
    expect(report.status).toBe('error');
    expect(report.error).toMatchObject({ code: 'codemod-failed' });
    expect(report.error?.message).toContain('migration throws threw: boom');
    expect(report.error?.hint).toBeTruthy();
    expect(report.stages.at(-1)).toMatchObject({ name: 'codemod', status: 'error' });
    expect(existsSync(path.join(env.workdir, 'runs', report.runId, 'repo', '.git'))).toBe(true);
  });

  it('dry run: verified with the diff, nothing pushed; a cancelled signal ends cancelled', async () => {
    const repo = copyFixture(template, env, 'dry');
    const touch = testMigration('touch', (project) => {
      const file = project.getSourceFiles().find((f) => f.getFilePath().endsWith('src/local.ts'))!;
      file.getVariableDeclarationOrThrow('here').getInitializerOrThrow().replaceWithText("baseName('/c/d.txt')");
    });
    const report = await runJob({ migration: touch, repo, config: env.config, install: false, dryRun: true });
    expect(report.status, report.reason).toBe('verified');
    expect(report.pr).toMatchObject({ action: 'dry-run', branch: 'godwit/touch' });
    expect(report.diff).toContain("+export const here = baseName('/c/d.txt');");
    expect(branchExists(repo, 'godwit/touch')).toBe(false);

    const controller = new AbortController();
    controller.abort();
    const cancelled = await runJob({ migration: touch, repo, config: env.config, install: false, signal: controller.signal });
    expect(cancelled.status).toBe('cancelled');
    runReportSchema.parse(cancelled);
  });

  it('declared package changes: package.json + regenerated lockfile in the change; a red baseline allowed by the migration only fails on new diagnostics', async () => {
    const repo = copyFixture(template, env, 'deps');
    mkdirSync(path.join(repo, 'vendor/local-dep'), { recursive: true });
    writeFileSync(path.join(repo, 'vendor/local-dep/package.json'), JSON.stringify({ name: 'local-dep', version: '1.0.0' }));
    writeFileSync(path.join(repo, 'src/broken.ts'), "export const n: number = 'already broken';\n");
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'vendor a package; a pre-existing type error');
    const withDeps = (codemod: LoadedMigration['definition']['codemod'], draft: 'never' | 'on-failure') =>
      loadMigrationDefinition(
        {
          id: `deps-${draft}`,
          title: 'Add local-dep',
          description: 'test-only',
          codemod,
          packages: { add: { 'local-dep': 'file:./vendor/local-dep' } },
          verify: { typecheck: true, lint: false, test: false, requireGreenBaseline: false },
          pr: { title: 'Add local-dep', draft },
        },
        undefined,
      );
    const report = await runJob({ migration: withDeps(() => {}, 'never'), repo, config: env.config });
    runReportSchema.parse(report);
    expect(report.status, report.reason).toBe('verified');
    expect(report.baseline[0]).toMatchObject({ kind: 'typecheck', status: 'fail' });
    expect(report.final[0]!.newDiagnostics).toEqual([]);
    expect(report.dependencies).toEqual({ added: { 'local-dep': 'file:./vendor/local-dep' }, removed: [], upgraded: {} });
    expect(report.changedFiles.map((f) => f.path)).toEqual(['package-lock.json', 'package.json']);
    expect(git(repo, 'show', 'godwit/deps-never:package-lock.json')).toContain('node_modules/local-dep');

    // The same with a codemod that adds a type error only the whole program shows (a file checked
    // alone passes the codemod step's check), and a draft-on-failure policy: pushed as a draft.
    const breaking = withDeps((project) => {
      for (const f of project.getSourceFiles()) f.getFunction('baseName')?.setReturnType('number');
    }, 'on-failure');
    const failed = await runJob({ migration: breaking, repo, config: env.config, install: false });
    expect(failed.status).toBe('failed');
    expect(failed.pr).toMatchObject({ action: 'created', state: 'draft', branch: 'godwit/deps-on-failure' });
    expect(failed.diff).toMatch(/\+.*baseName\(.*\): number/);
  }, 300_000);

  it('reports a missing repository as error repo-not-found', async () => {
    const report: RunReport = await runJob({ migration, repo: path.join(env.root, 'does-not-exist'), config: env.config });
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('repo-not-found');
    runReportSchema.parse(report);
  });
});
