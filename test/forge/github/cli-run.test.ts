/**
 * `godwit run <migration> owner/name` from the CLI against the fake GitHub: configuration from
 * the environment (GITHUB_TOKEN, GITHUB_API_URL), the catalog's codemod migration, real
 * verifiers on a fixture repository, and a PR through GithubForge. The token never shows up
 * in the output or the PR.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { FakeGithub } from '../../support/fake-github/server.js';
import { createTestEnv, writeFixtureRepo, type TestEnv } from '../../support/fixture-repo.js';
import { PLANTED_TOKEN } from './helpers.js';

let fake: FakeGithub;
let env: TestEnv;
const savedEnv = { ...process.env };

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  env = createTestEnv();
  const source = writeFixtureRepo(path.join(mkdtempSync(path.join(env.root, 'src-')), 'svc'));
  fake.addRepo({ owner: 'acme', name: 'svc', fromDir: source });
  Object.assign(process.env, { GODWIT_WORKDIR: env.workdir, GITHUB_TOKEN: PLANTED_TOKEN, GITHUB_API_URL: fake.apiUrl });
});

afterAll(async () => {
  process.env = savedEnv;
  env.cleanup();
  await fake.stop();
});

describe('godwit run <migration> owner/name', () => {
  it('publishes a PR through the GitHub forge', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), isTTY: false };
    const code = await main(['node', 'godwit', 'run', 'node-protocol-imports', 'acme/svc', '--json'], io);
    const text = out.join('\n');
    expect(code, text.slice(-3000)).toBe(0);
    const report = JSON.parse(text) as { status: string; pr: { action: string; number: number } };
    expect(report.status).toBe('verified');
    expect(report.pr).toMatchObject({ action: 'created', number: 1 });
    const [pr] = fake.pullsOf('acme/svc');
    expect(pr!.body).toContain('### Verification');
    expect(pr!.labels.length).toBeGreaterThan(0);
    expect(fake.branchSha('acme/svc', 'godwit/node-protocol-imports')).toBeDefined();
    for (const haystack of [text, pr!.body ?? '']) expect(haystack).not.toContain(PLANTED_TOKEN);
    expect(fake.violations).toEqual([]);
  }, 240_000);
});
