/**
 * A new PR asks the CODEOWNERS of its changed files (users and teams of the organisation) plus
 * the policy's reviewers to review, gets the policy's labels and assignees, and is a draft
 * when the draft policy says so — through the real Octokit against the fake GitHub, with every
 * request and response checked against GitHub's OpenAPI description.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrationDefinition } from '../../../../src/catalog/registry.js';
import { configSchema } from '../../../../src/config/schema.js';
import { GithubForge } from '../../../../src/forge/github/forge.js';
import type { ReviewersResult } from '../../../../src/forge/github/reviewers.js';
import { runJob } from '../../../../src/pipeline/index.js';
import { FakeGithub } from '../../../support/fake-github/server.js';
import { FAST, PLANTED_TOKEN } from '../helpers.js';

let fake: FakeGithub;
let workdir: string;

const migration = loadMigrationDefinition(
  {
    id: 'greeting-hi',
    title: 'Say hi instead of hello',
    description: 'Style.',
    codemod: (project: Project) => {
      for (const file of project.getSourceFiles()) file.replaceWithText(file.getFullText().replaceAll('Hello', 'Hi'));
    },
    verify: { typecheck: false, lint: false, test: false, requireGreenBaseline: false, allowUnverified: true },
    pr: { title: 'Say hi', labels: ['godwit'] },
  },
  undefined,
);

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  workdir = mkdtempSync(path.join(os.tmpdir(), 'godwit-gh-reviewers-'));
  fake.addTeam('acme', 'web-platform');
  fake.addRepo({
    owner: 'acme',
    name: 'site',
    files: {
      '.github/CODEOWNERS': '* @fallback\n/src/ @acme/web-platform\n/src/legacy/*.ts @lena\ndocs/ owner@example.com\n/src/legacy/*.ts @lena @other-org/team\n',
      'src/app.ts': 'export const a = "Hello";\n',
      'src/legacy/old.ts': 'export const b = "Hello";\n',
      'README.md': 'Hello\n',
    },
  });
});

afterAll(async () => {
  rmSync(workdir, { recursive: true, force: true });
  await fake.stop();
});

describe('reviewers, labels, assignees and drafts on a new PR', () => {
  it('requests CODEOWNERS users and teams plus campaign reviewers, adds labels and assignees', async () => {
    const config = configSchema.parse({
      workdir,
      github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl },
      pullRequests: { reviewers: ['rita'], labels: ['fleet'], assignees: ['sam'], draft: 'always' },
    });
    const seen: ReviewersResult[] = [];
    const forge = new GithubForge(config, { clientOptions: FAST, onReviewers: (_repo, r) => seen.push(r) });
    const report = await runJob({ migration, repo: 'acme/site', config, forge, install: false });
    // No verifier runs on this fixture: `unverified`, published because the migration allows it.
    expect(report.status, report.reason).toBe('unverified');
    const [pr] = fake.pullsOf('acme/site');
    expect(pr!.draft).toBe(true);
    expect(pr!.labels.map((l) => l.name).sort()).toEqual(['fleet', 'godwit']);
    expect(pr!.assignees).toEqual(['sam']);
    // src/app.ts → the team; src/legacy/old.ts → lena (last match); README.md is not changed, so @fallback is not asked.
    expect([...pr!.requestedReviewers].sort()).toEqual(['lena', 'rita']);
    expect(pr!.requestedTeams).toEqual(['web-platform']);
    expect(seen[0]!.codeownersFile).toBe('.github/CODEOWNERS');
    expect(seen[0]!.problems).toContain('@other-org/team cannot be requested through the API');
    expect(fake.violations).toEqual([]);
    const reviewRequest = fake.requests.find((r) => r.path.endsWith('/requested_reviewers'));
    expect(reviewRequest?.body).toMatchObject({ team_reviewers: ['web-platform'] });
  }, 120_000);
});
