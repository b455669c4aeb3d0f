/**
 * Parses what a user wrote as a repository into a RepoRef, refusing anything git could
 * interpret as an option or a transport helper (`-…`, `ext::`, `fd::`, …).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GodwitError } from '../errors.js';
import type { RepoRef } from './types.js';

export interface ParseRepoRefOptions {
  cwd?: string;
  /** GITHUB_API_URL; its host (minus a leading `api.`) is treated as a GitHub host too. */
  githubApiUrl?: string;
}

const OWNER_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

function githubHosts(apiUrl: string | undefined): Set<string> {
  const hosts = new Set(['github.com', 'www.github.com']);
  if (apiUrl) {
    try {
      const host = new URL(apiUrl).host;
      hosts.add(host);
      hosts.add(host.replace(/^api\./, ''));
    } catch {
      /* validated by config */
    }
  }
  return hosts;
}

function invalid(input: string, why: string): GodwitError {
  return new GodwitError(
    'repo-invalid',
    `Invalid repository reference "${input}": ${why}`,
    'Use a local path, a file:// URL, owner/name, or https://github.com/owner/name.',
  );
}

function localRef(input: string, dir: string): RepoRef {
  if (!existsSync(dir)) {
    throw new GodwitError(
      'repo-not-found',
      `Repository not found: ${dir}`,
      'Give a path to a git repository, a file:// URL, owner/name, or https://github.com/owner/name.',
    );
  }
  if (!statSync(dir).isDirectory() || !existsSync(path.join(dir, '.git'))) {
    throw new GodwitError('repo-invalid', `${dir} is not a git repository`, 'Run `git init` there, or point at the repository root.');
  }
  return { input, forge: 'local', name: path.basename(dir), location: dir };
}

export function parseRepoRef(raw: string, options: ParseRepoRefOptions = {}): RepoRef {
  const input = raw.trim();
  const cwd = options.cwd ?? process.cwd();
  if (input === '') throw invalid(raw, 'it is empty');
  if (input.startsWith('-')) throw invalid(input, 'it starts with "-" and could be read as a git option');
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(input)) throw invalid(input, 'git transport helpers (like ext::) are not allowed');
  if (/[\0\n\r]/.test(input)) throw invalid(input, 'it contains control characters');

  if (input.startsWith('file://')) {
    let dir: string;
    try {
      dir = fileURLToPath(input);
    } catch (e) {
      throw invalid(input, (e as Error).message);
    }
    return localRef(input, dir);
  }

  if (/^https?:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw invalid(input, 'it is not a valid URL');
    }
    // Credentials in the URL would end up in logs and .git/config: drop them.
    url.username = '';
    url.password = '';
    const clean = url.toString();
    const parts = url.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
    if (githubHosts(options.githubApiUrl).has(url.host)) {
      if (parts.length !== 2 || !OWNER_NAME.test(parts.join('/'))) throw invalid(input, 'expected https://<host>/owner/name');
      const [owner, repo] = parts as [string, string];
      return { input: clean, forge: 'github', name: `${owner}/${repo}`, location: clean, owner, repo };
    }
    throw invalid(input, `${url.host} is not a known GitHub host (set GITHUB_API_URL for GitHub Enterprise)`);
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || /^[^/]+@[^/]+:/.test(input)) {
    throw invalid(input, 'only local paths, file:// and https:// references are supported');
  }

  const dir = path.resolve(cwd, input);
  if (existsSync(dir) || input.startsWith('.') || input.startsWith('/') || input.startsWith('~')) return localRef(input, dir);
  const m = OWNER_NAME.exec(input);
  if (m) return { input, forge: 'github', name: input, location: `https://github.com/${input}.git`, owner: m[1]!, repo: m[2]! };
  return localRef(input, dir);
}
