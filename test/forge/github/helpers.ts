/** Shared setup for the GitHub forge tests: a fast client config and real git workspaces. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GithubClientOptions } from '../../../src/forge/github/client.js';
import { GODWIT_AUTHOR, type GitAuth } from '../../../src/forge/types.js';
import { configEntriesToEnv } from '../../../src/process/index.js';

/** A recognisable token: tests grep for it everywhere it must not be. */
export const PLANTED_TOKEN = 'ghp_PLANTEDt0kenDoNotLeak1234567890abcd';

/** Waits of a few ms instead of seconds; no spacing between writes. */
export const FAST: GithubClientOptions = { waitUnitMs: 5, writeSpacingMs: 0, searchSpacingMs: 0 };

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const GODWIT_ENV = {
  GIT_AUTHOR_NAME: GODWIT_AUTHOR.name,
  GIT_AUTHOR_EMAIL: GODWIT_AUTHOR.email,
  GIT_COMMITTER_NAME: GODWIT_AUTHOR.name,
  GIT_COMMITTER_EMAIL: GODWIT_AUTHOR.email,
};

/** Clones like the pipeline does (auth via env only), checks out `branch`, commits one change as godwit. */
export function godwitWorkspace(cloneUrl: string, branch: string, auth: GitAuth, change: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-ws-'));
  execFileSync('git', ['clone', '--quiet', cloneUrl, dir], { env: { ...process.env, ...configEntriesToEnv(auth.configArgs) }, stdio: 'pipe' });
  git(dir, ['checkout', '--quiet', '-b', branch]);
  for (const [file, content] of Object.entries(change)) writeFileSync(path.join(dir, file), content);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '--quiet', '-m', `godwit: ${Object.keys(change).join(', ')}`], GODWIT_ENV);
  return dir;
}
