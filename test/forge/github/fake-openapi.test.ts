/** The fake's safety net: the OpenAPI validator must reject shapes GitHub would never send. */
import { describe, expect, it } from 'vitest';
import { matchPathTemplate, validateRequestBody, validateResponse } from '../../support/fake-github/openapi.js';
import { githubSpec } from '../../support/fake-github/openapi-spec.js';
import { fullRepositoryJson, labelJson, pullJson, simpleUser, type FakePull, type FakeRepo } from '../../support/fake-github/payloads.js';

const api = 'http://127.0.0.1:1/api/v3';
const repo: FakeRepo = {
  id: 1,
  owner: 'octo',
  name: 'app',
  defaultBranch: 'main',
  archived: false,
  fork: false,
  private: false,
  language: null,
  topics: [],
  description: null,
  barePath: '/tmp/x.git',
  createdAt: '2026-01-01T00:00:00Z',
};
const pr: FakePull = {
  id: 5,
  number: 1,
  repo: 'octo/app',
  title: 't',
  body: null,
  head: 'godwit/x',
  base: 'main',
  state: 'open',
  draft: false,
  merged: false,
  mergedAt: null,
  closedAt: null,
  labels: [{ id: 9, name: 'godwit', color: 'ededed' }],
  requestedReviewers: [],
  user: 'godwit-bot[bot]',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const sha = 'a'.repeat(40);

describe('OpenAPI validation of fake responses', () => {
  it('matches concrete paths to GitHub operations, literal segments first', () => {
    expect(matchPathTemplate('/repos/o/r/pulls/3')).toBe('/repos/{owner}/{repo}/pulls/{pull_number}');
    expect(matchPathTemplate('/repos/o/r/commits/abc/check-runs')).toBe('/repos/{owner}/{repo}/commits/{ref}/check-runs');
    expect(matchPathTemplate('/search/repositories')).toBe('/search/repositories');
    expect(matchPathTemplate('/not/github')).toBeUndefined();
  });

  it('accepts the fake payloads', () => {
    expect(validateResponse('GET', '/repos/octo/app', 200, fullRepositoryJson(api, repo)).errors).toEqual([]);
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, pullJson(api, pr, repo, sha, sha, true)).errors).toEqual([]);
    expect(validateResponse('GET', '/repos/octo/app/pulls', 200, [pullJson(api, pr, repo, sha, sha, false)]).errors).toEqual([]);
    expect(validateResponse('POST', '/repos/octo/app/issues/1/labels', 200, [labelJson(api, 'octo/app', pr.labels[0]!)]).errors).toEqual([]);
  });

  it('rejects a missing required field, a wrong type, a null where none is allowed, and a bad enum', () => {
    const { head: _head, ...noHead } = pullJson(api, pr, repo, sha, sha, true);
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, noHead).errors).toContain('$: missing required "head"');
    const wrongType = { ...pullJson(api, pr, repo, sha, sha, true), number: '1' };
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, wrongType).errors).toContain('$.number: expected integer, got string');
    const nullTitle = { ...pullJson(api, pr, repo, sha, sha, true), title: null };
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, nullTitle).errors).toContain('$.title: null is not allowed');
    const badState = { ...pullJson(api, pr, repo, sha, sha, true), state: 'merged' };
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, badState).errors.join('\n')).toMatch(/\$\.state: "merged" is not one of/);
    const deep = fullRepositoryJson(api, repo);
    const badOwner = { ...deep, owner: { ...deep.owner, id: 'x' } };
    expect(validateResponse('GET', '/repos/octo/app', 200, badOwner).errors).toContain('$.owner.id: expected integer, got string');
  });

  it('names the path of an error inside a referenced, nullable component and inside oneOf alternatives', () => {
    const pull = pullJson(api, pr, repo, sha, sha, true);
    const badAssignee = { ...pull, assignee: { ...simpleUser(api, 'ada'), id: 'x' } };
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, badAssignee).errors).toEqual(['$.assignee.id: expected integer, got string']);
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, { ...pull, assignee: null }).errors).toEqual([]);
    const badLabel = { ...pull, labels: [{ ...labelJson(api, 'octo/app', pr.labels[0]!), id: 'x' }] };
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, badLabel).errors).toEqual(['$.labels[0].id: expected integer, got string']);
    // an issue's labels are oneOf string | label object: neither fits a number
    const issueLabels = validateResponse('GET', '/repos/octo/app/issues/1', 200, { labels: [5] }).errors;
    expect(issueLabels).toContain('$.labels[0]: matches none of 2 alternatives; closest: $.labels[0]: expected string, got number');
  });

  it('checks the date-time and uri formats and ignores the ones it does not know', () => {
    const pull = pullJson(api, pr, repo, sha, sha, true);
    const badFormats = { ...pull, created_at: 'yesterday', html_url: 'not a uri' };
    expect(validateResponse('GET', '/repos/octo/app/pulls/1', 200, badFormats).errors.sort()).toEqual([
      '$.created_at: "yesterday" is not a date-time',
      '$.html_url: "not a uri" is not a uri',
    ]);
    // Formats other than those two are not checked: GET / answers 31 uri-templates, which are not URIs.
    const template = 'http://127.0.0.1:1/api/v3/search/code?q={query}{&page,per_page,sort,order}';
    const rootFields = githubSpec().components.schemas.root?.required as string[];
    const root = Object.fromEntries(rootFields.map((field) => [field, template]));
    expect(validateResponse('GET', '/', 200, root).errors).toEqual([]);
    expect(validateResponse('GET', '/', 200, { ...root, emojis_url: 5 }).errors).toEqual(['$.emojis_url: expected string, got number']);
  });

  it('checks the request bodies godwit sends, unknown top-level fields included', () => {
    expect(validateRequestBody('POST', '/repos/octo/app/pulls', { title: 't', head: 'h', base: 'b' }).errors).toEqual([]);
    expect(validateRequestBody('POST', '/repos/octo/app/pulls', { title: 5, head: 'h', base: 'b' }).errors).toEqual(['$.title: expected string, got number']);
    expect(validateRequestBody('POST', '/repos/octo/app/pulls', { title: 't', head: 'h', base: 'b', colour: 1 }).errors).toEqual(['$: unexpected property "colour"']);
    expect(validateRequestBody('POST', '/repos/octo/app/issues/1/labels', { labels: ['godwit'] }).errors).toEqual([]);
    expect(validateRequestBody('GET', '/repos/octo/app/pulls', undefined).errors).toEqual([]);
  });

  it('checks error bodies: described statuses against their schema, others against basic-error', () => {
    expect(validateResponse('POST', '/repos/octo/app/pulls', 422, { message: 'Validation Failed', documentation_url: 'x', errors: [{ code: 'invalid' }] }).errors).toEqual([]);
    expect(validateResponse('POST', '/repos/octo/app/pulls', 422, { message: 'Validation Failed' }).errors).toContain('$: missing required "documentation_url"');
    const proxy = validateResponse('GET', '/repos/octo/app', 502, { message: 'Server Error' });
    expect(proxy.against).toMatch(/basic-error/);
    expect(proxy.errors).toEqual([]);
    expect(validateResponse('GET', '/repos/octo/app', 502, { message: 5 }).errors).toEqual(['$.message: expected string, got number']);
    expect(validateResponse('DELETE', '/repos/octo/app/pulls', 200, {}).errors[0]).toMatch(/GitHub has no DELETE/);
  });
});
