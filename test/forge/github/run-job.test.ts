/**
 * A full `runJob` with a GitHub reference against the fake GitHub: the pipeline resolves the
 * repository through the API, clones from clone_url, runs a codemod, and publishes through
 * GithubForge. Afterwards the planted token appears nowhere.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrationDefinition } from '../../../src/catalog/registry.js';
import { configSchema, type GodwitConfig } from '../../../src/config/schema.js';
import { GithubForge } from '../../../src/forge/github/forge.js';
import { runJob } from '../../../src/pipeline/index.js';
import type { LogLine } from '../../../src/report/run-report.js';
import { FakeGithub } from '../../support/fake-github/server.js';
import { filesUnder } from '../../support/files.js';
import { FAST, PLANTED_TOKEN } from './helpers.js';

let fake: FakeGithub;
let workdir: string;
let config: GodwitConfig;

const migration = loadMigrationDefinition(
  {
    id: 'greeting-hi',
    title: 'Say hi instead of hello',
    description: 'Our style guide prefers "Hi".',
    codemod: (project: Project) => {
      for (const file of project.getSourceFiles()) file.replaceWithText(file.getFullText().replaceAll('Hello', 'Hi'));
    },
    verify: { typecheck: false, lint: false, test: false, requireGreenBaseline: false, allowUnverified: true },
    pr: { title: 'Say hi ({{repo}})', labels: ['godwit', 'style'] },
  },
  undefined,
);

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  workdir = mkdtempSync(path.join(os.tmpdir(), 'godwit-gh-run-'));
  config = configSchema.parse({ workdir, github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl } });
  fake.addRepo({ owner: 'octo', name: 'greeter', files: { 'src/greet.ts': "export const greet = (n: string): string => `Hello ${n}`;\n" } });
});

afterAll(async () => {
  rmSync(workdir, { recursive: true, force: true });
  await fake.stop();
});


describe('runJob with a GitHub repository', () => {
  it('publishes a PR through the GitHub forge and leaks the token nowhere', async () => {
    const logs: LogLine[] = [];
    const forge = new GithubForge(config, { clientOptions: FAST });
    const report = await runJob({ migration, repo: 'octo/greeter', config, forge, install: false, keepWorkdir: true, onLog: (l) => logs.push(l) });
    expect(report.status, report.reason).toBe('unverified');
    expect(report.pr).toMatchObject({ action: 'created', number: 1, state: 'open' });
    const [pr] = fake.pullsOf('octo/greeter');
    expect(pr!.title).toBe('Say hi (octo/greeter)');
    expect(pr!.labels.map((l) => l.name)).toEqual(['godwit', 'style']);
    expect(pr!.body).toContain('## Say hi instead of hello');
    expect(pr!.body).toContain('`src/greet.ts` — modified');
    expect(pr!.body).toContain('godwit run greeting-hi octo/greeter');

    const encoded = Buffer.from(`x-access-token:${PLANTED_TOKEN}`).toString('base64');
    const gitConfigs = (await filesUnder(workdir)).filter((f) => f.endsWith(`${path.sep}.git${path.sep}config`));
    expect(gitConfigs.length).toBeGreaterThan(0);
    const haystacks = [JSON.stringify(report), JSON.stringify(logs), pr!.body ?? '', ...gitConfigs.map((f) => readFileSync(f, 'utf8'))];
    for (const text of haystacks) {
      expect(text).not.toContain(PLANTED_TOKEN);
      expect(text).not.toContain(encoded);
    }
    expect(fake.violations).toEqual([]);
  });

  it('publishes nothing on --dry-run', async () => {
    fake.addRepo({ owner: 'octo', name: 'dry', files: { 'src/greet.ts': 'export const g = "Hello";\n' } });
    const before = fake.requests.filter((r) => r.method !== 'GET').length;
    const report = await runJob({ migration, repo: 'octo/dry', config, forge: new GithubForge(config, { clientOptions: FAST }), install: false, dryRun: true });
    expect(report.status, report.reason).toBe('unverified');
    expect(report.pr).toMatchObject({ action: 'dry-run' });
    expect(fake.pullsOf('octo/dry')).toHaveLength(0);
    expect(fake.branchSha('octo/dry', 'godwit/greeting-hi')).toBeUndefined();
    expect(fake.requests.filter((r) => r.method !== 'GET').length).toBe(before);
  });

  it('is chosen by forgeFor for owner/name when no forge is passed (as `godwit run` does)', async () => {
    fake.addRepo({ owner: 'octo', name: 'chosen', files: { 'src/greet.ts': 'export const g = "Hello";\n' } });
    const report = await runJob({ migration, repo: 'octo/chosen', config, install: false });
    expect(report.status, report.reason).toBe('unverified');
    expect(report.repo.name).toBe('octo/chosen');
    expect(report.pr).toMatchObject({ action: 'created', number: 1 });
    expect(fake.pullsOf('octo/chosen')).toHaveLength(1);
    expect(fake.requests.some((r) => r.path === '/repos/octo/chosen' && r.status === 200)).toBe(true);
  });
});
