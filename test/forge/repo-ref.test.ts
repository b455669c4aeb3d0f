import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRepoRef } from '../../src/forge/repo-ref.js';

let repo: string;
let plain: string;

beforeAll(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-ref-'));
  repo = path.join(root, 'my repo ü');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
  plain = path.join(root, 'plain');
  mkdirSync(plain);
});

describe('parseRepoRef', () => {
  it('takes local paths (with spaces and unicode) and file:// URLs', () => {
    expect(parseRepoRef(repo)).toMatchObject({ forge: 'local', location: repo, name: 'my repo ü' });
    expect(parseRepoRef(pathToFileURL(repo).href)).toMatchObject({ forge: 'local', location: repo });
    expect(parseRepoRef(path.basename(repo), { cwd: path.dirname(repo) })).toMatchObject({ location: repo });
  });

  it('takes GitHub references', () => {
    expect(parseRepoRef('octo/hello')).toMatchObject({ forge: 'github', owner: 'octo', repo: 'hello', name: 'octo/hello' });
    expect(parseRepoRef('https://github.com/octo/hello.git')).toMatchObject({ forge: 'github', owner: 'octo', repo: 'hello' });
    expect(parseRepoRef('https://ghe.example.com/team/app', { githubApiUrl: 'https://ghe.example.com/api/v3' })).toMatchObject({
      forge: 'github',
      owner: 'team',
      repo: 'app',
    });
  });

  it('drops credentials written into URLs', () => {
    const ref = parseRepoRef('https://user:s3cret@github.com/octo/hello');
    expect(JSON.stringify(ref)).not.toContain('s3cret');
  });

  it.each([
    ['--upload-pack=touch /tmp/pwned', /option/],
    ['ext::sh -c touch% /tmp/pwned', /transport/],
    ['ssh://git@example.com/x.git', /supported/],
    ['git@github.com:octo/hello.git', /supported/],
    ['https://gitlab.example.com/a/b', /GitHub host/],
    ['', /empty/],
  ])('refuses %s', (input, why) => {
    expect(() => parseRepoRef(input)).toThrow(why);
    try {
      parseRepoRef(input);
    } catch (e) {
      expect((e as { code: string }).code).toBe('repo-invalid');
      expect((e as { hint: string }).hint).toMatch(/local path/);
    }
  });

  it('says when a path is missing or not a repository', () => {
    expect(() => parseRepoRef('/definitely/not/here')).toThrow(/not found/);
    expect(() => parseRepoRef(plain)).toThrow(/not a git repository/);
  });
});
