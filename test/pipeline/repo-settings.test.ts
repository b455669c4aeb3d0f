/**
 * A repository's own godwit settings (`.godwit.json` / the `godwit` key of package.json, read
 * from the base commit) and campaign-level verifier overrides, through runJob.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

let env: TestEnv;
let migration: LoadedMigration;

beforeAll(async () => {
  env = createTestEnv();
  migration = await getMigration('node-protocol-imports');
});
afterAll(() => env.cleanup());

// `eslint .` fails on this file; the repository does not lint it.
const UNLINTED = { 'scripts/generate.ts': 'export const loose: any = 1;\n' };

describe('per-repository settings and campaign overrides', () => {
  it('.godwit.json at the base commit sets the lint command; the campaign cannot override it', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'dot-godwit'), {
      files: { ...UNLINTED, '.godwit.json': JSON.stringify({ verify: { lint: 'eslint src test' } }) },
    });
    const report = await runJob({ migration, repo, config: env.config, dryRun: true, verifiers: { lint: 'eslint .', test: false } });
    expect(report.status, report.reason).toBe('verified');
    // The repository's lint command won over the campaign's; the campaign turned the tests off.
    expect(report.baseline.map((r) => `${r.kind}:${r.command}:${r.status}`)).toEqual(['typecheck:npm run typecheck:pass', 'lint:eslint src test:pass']);
    expect(report.logs.some((l) => l.message.includes('repository settings from .godwit.json'))).toBe(true);
  }, 300_000);

  it('without settings, the same repository is baseline-broken by the detected `eslint .`', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'no-settings'), { files: UNLINTED });
    const report = await runJob({ migration, repo, config: env.config, dryRun: true, verifiers: { typecheck: false, test: false } });
    expect(report.status, report.reason).toBe('baseline-broken');
    expect(report.reason).toMatch(/lint fail .*no-explicit-any/);
  }, 300_000);

  it('invalid settings in the package.json godwit key end error config-invalid naming the key', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'bad-settings'), { packageJson: { godwit: { verify: { lint: true } } } });
    const report = await runJob({ migration, repo, config: env.config, dryRun: true });
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('config-invalid');
    expect(report.error?.message).toMatch(/package.json "godwit".*verify\.lint/);
  }, 300_000);
});
