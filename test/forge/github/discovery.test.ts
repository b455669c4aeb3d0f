import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GodwitError } from '../../../src/errors.js';
import { discoverRepos } from '../../../src/forge/github/discovery.js';
import { FakeGithub, secondaryRateLimit } from '../../support/fake-github/server.js';
import { FAST, PLANTED_TOKEN } from './helpers.js';

let fake: FakeGithub;
let config: { github: { token: string; apiUrl: string } };

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_TOKEN });
  config = { github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl } };
  // 230 metadata-only repositories: more than two pages of 100.
  for (let i = 0; i < 230; i++) fake.addRepo({ owner: 'big', name: `svc-${String(i).padStart(3, '0')}`, git: false, language: i % 2 ? 'TypeScript' : 'Go' });
  fake.addRepo({ owner: 'big', name: 'svc-archived', git: false, archived: true });
  fake.addRepo({ owner: 'big', name: 'svc-fork', git: false, fork: true });
  fake.addRepo({ owner: 'small', name: 'web', git: false, topics: ['frontend'], language: 'TypeScript' });
  fake.addRepo({ owner: 'small', name: 'api', git: false, topics: ['backend'], language: 'TypeScript' });
  fake.addRepo({ owner: 'small', name: 'tool', git: false, topics: ['frontend'], language: 'Rust' });
  fake.addRepo({ owner: 'small', name: 'old', git: false, topics: ['frontend'], archived: true });
});

afterEach(() => {
  const violations = fake.violations;
  fake.checks.length = 0;
  expect(violations).toEqual([]);
});

afterAll(async () => {
  await fake.stop();
});

describe('discoverRepos', () => {
  it('pages through search results and skips archived repositories and forks', async () => {
    const repos = await discoverRepos(config, { search: 'org:big svc' }, { clientOptions: FAST });
    expect(repos).toHaveLength(230);
    expect(repos.map((r) => r.ref)).not.toContain('big/svc-archived');
    expect(repos.map((r) => r.ref)).not.toContain('big/svc-fork');
    expect(fake.requests.filter((r) => r.path === '/search/repositories').length).toBe(3);
    expect(repos[0]).toMatchObject({ ref: 'big/svc-000', defaultBranch: 'main', archived: false, fork: false });
  });

  it('includes archived repositories and forks when asked, and honours a limit', async () => {
    const all = await discoverRepos(config, { search: 'org:big', includeArchived: true, includeForks: true }, { clientOptions: FAST });
    expect(all).toHaveLength(232);
    const few = await discoverRepos(config, { search: 'org:big', limit: 5 }, { clientOptions: FAST });
    expect(few).toHaveLength(5);
  });

  it('lists an organization filtered by topic and language', async () => {
    expect((await discoverRepos(config, { org: 'small' }, { clientOptions: FAST })).map((r) => r.ref).sort()).toEqual(['small/api', 'small/tool', 'small/web']);
    expect((await discoverRepos(config, { org: 'small', topic: 'frontend' }, { clientOptions: FAST })).map((r) => r.ref).sort()).toEqual(['small/tool', 'small/web']);
    expect((await discoverRepos(config, { org: 'small', topic: 'frontend', language: 'typescript' }, { clientOptions: FAST })).map((r) => r.ref)).toEqual(['small/web']);
    const big = await discoverRepos(config, { org: 'big', language: 'Go' }, { clientOptions: FAST });
    expect(big).toHaveLength(115);
  });

  it('waits out a secondary rate limit on search', async () => {
    fake.fail(secondaryRateLimit(1, 1, /^\/search\/repositories$/));
    const repos = await discoverRepos(config, { search: 'org:small' }, { clientOptions: FAST });
    expect(repos).toHaveLength(3);
  });

  it('rejects a query with neither or both of search and org, and names an unknown organization', async () => {
    await expect(discoverRepos(config, {}, { clientOptions: FAST })).rejects.toMatchObject({ code: 'usage' });
    await expect(discoverRepos(config, { search: 'x', org: 'y' }, { clientOptions: FAST })).rejects.toMatchObject({ code: 'usage' });
    const error = await discoverRepos(config, { org: 'nobody' }, { clientOptions: FAST }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    expect((error as GodwitError).message).toContain('organization nobody');
  });
});
