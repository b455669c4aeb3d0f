/**
 * readRepoSettings reads the base commit's `.godwit.json` / package.json "godwit": from git, or
 * from the fresh checkout of that commit when the caller says it is one — never what a later
 * checkout or a symlink shows instead.
 */
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRepoSettings } from '../../src/workspace/repo-settings.js';
import { git } from '../support/fixture-repo.js';

let tmp: string;
let repo: string;

function commit(files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(repo, file), text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '-m', 'c');
  return git(repo, 'rev-parse', 'HEAD').trim();
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-settings-'));
  repo = path.join(tmp, 'repo');
  git(tmp, 'init', '--quiet', '--initial-branch=main', repo);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('readRepoSettings', () => {
  it('reads .godwit.json of the base commit although the checked-out branch deleted it', async () => {
    const base = commit({ '.godwit.json': JSON.stringify({ verify: { lint: 'eslint src' } }), 'package.json': JSON.stringify({ godwit: { verify: { lint: false } } }) });
    git(repo, 'checkout', '--quiet', '-b', 'pr');
    git(repo, 'rm', '--quiet', '.godwit.json');
    git(repo, 'commit', '--quiet', '-m', 'drop the rules');
    expect(await readRepoSettings(repo, base)).toEqual({ verify: { lint: 'eslint src' }, source: '.godwit.json' });
  });

  it('on the fresh checkout of the base commit: the file wins over package.json, and a symlink is read as git stores it', async () => {
    const base = commit({ '.godwit.json': JSON.stringify({ verify: { test: false } }), 'package.json': '{}' });
    expect(await readRepoSettings(repo, base, { checkoutIsBase: true })).toEqual({ verify: { test: false }, source: '.godwit.json' });
    // package.json as a link to settings outside the repository: git's blob is the link text, not JSON.
    const outside = path.join(tmp, 'outside.json');
    writeFileSync(outside, JSON.stringify({ godwit: { verify: { typecheck: false } } }));
    git(repo, 'rm', '--quiet', '.godwit.json', 'package.json');
    symlinkSync(outside, path.join(repo, 'package.json'));
    const linked = commit({});
    expect(await readRepoSettings(repo, linked, { checkoutIsBase: true })).toBeUndefined();
    expect(await readRepoSettings(repo, linked)).toBeUndefined();
  });

  it('invalid settings are config-invalid in both modes; settings absent from the commit are undefined', async () => {
    const bad = commit({ '.godwit.json': '{ not json', 'package.json': '{}' });
    await expect(readRepoSettings(repo, bad, { checkoutIsBase: true })).rejects.toMatchObject({ code: 'config-invalid', message: expect.stringMatching(/\.godwit\.json is not valid JSON/) });
    await expect(readRepoSettings(repo, bad)).rejects.toMatchObject({ code: 'config-invalid' });
    unlinkSync(path.join(repo, '.godwit.json'));
    git(repo, 'add', '-A');
    const none = commit({ 'package.json': JSON.stringify({ name: 'x' }) });
    expect(await readRepoSettings(repo, none, { checkoutIsBase: true })).toBeUndefined();
    expect(await readRepoSettings(repo, none)).toBeUndefined();
  });
});
