/**
 * The gate commits while the verifiers run (src/workspace/speculative-commit.ts): a verifier
 * that writes into the working tree meanwhile — the changed file itself, a new file — must not
 * get anything into the commit, whichever of the two ran first; nor what the baseline's verifier
 * wrote. Real runJob, git, tsc.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import type { LoadedMigration } from '../../src/catalog/definition.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

vi.setConfig({ testTimeout: 300_000 });

/**
 * Waits argv[2] ms, then: after the migration (src/files.ts imports node:fs) rewrites that file
 * and adds a report; before it (the baseline) adds another file.
 */
const WRITER = [
  "import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';",
  'await new Promise((r) => setTimeout(r, Number(process.argv[2])));',
  "if (readFileSync('src/files.ts', 'utf8').includes(\"'node:fs'\")) {",
  "  appendFileSync('src/files.ts', '// written by the verifier\\n');",
  "  writeFileSync('report.txt', 'written by the verifier\\n');",
  "} else writeFileSync('baseline.txt', 'written by the baseline\\n');",
  '',
].join('\n');

let env: TestEnv;
let migration: LoadedMigration;
let template: string;

beforeAll(async () => {
  env = createTestEnv();
  migration = await getMigration('node-protocol-imports');
  template = writeFixtureRepo(path.join(env.root, 'template'), {
    name: 'gate-commit',
    eslint: false,
    files: { 'scripts/writer.mjs': WRITER, 'test/files.test.ts': null },
    packageJson: { scripts: { pretypecheck: 'node scripts/writer.mjs 0', typecheck: 'tsc --noEmit -p .' } },
  });
});
afterAll(() => env.cleanup());

describe('gate commit with a verifier that writes files', () => {
  for (const [when, delay] of [
    ['at once, racing the commit', 0],
    ['once the commit is made', 300],
  ] as const) {
    it(`keeps what a verifier writes ${when} out of the commit`, async () => {
      const repo = copyFixture(template, env);
      if (delay) {
        const pkg = git(repo, 'show', 'HEAD:package.json').replace('writer.mjs 0', `writer.mjs ${delay}`);
        writeFileSync(path.join(repo, 'package.json'), pkg);
        git(repo, 'commit', '--quiet', '-am', 'slower writer');
      }
      const report = await runJob({ migration, repo, config: env.config });
      expect(report.status, report.reason).toBe('verified');
      const logs = report.logs.map((l) => l.message);
      expect(logs).toContain('restored 1 file(s) the verifiers wrote: baseline.txt');
      expect(logs).toContain('restored 2 file(s) the verifiers wrote: report.txt, src/files.ts');
      expect(report.changedFiles.map((f) => f.path)).toEqual(['src/dynamic.ts', 'src/files.ts', 'src/reexports.ts']);
      const branch = 'godwit/node-protocol-imports';
      expect(git(repo, 'diff', '--name-only', `main..${branch}`)).not.toContain('report.txt');
      const committed = git(repo, 'show', `${branch}:src/files.ts`);
      expect(committed).toContain("from 'node:fs'");
      expect(committed).not.toContain('written by the verifier');
      expect(report.diff).not.toContain('written by the verifier');
      expect(git(repo, 'rev-list', '--count', `main..${branch}`)).toBe('1');
    });
  }
});
