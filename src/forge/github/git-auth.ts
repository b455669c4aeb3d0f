/**
 * Git authentication for GitHub without persisting the token: an `http.<origin>/.extraHeader`
 * config entry that the git runner (src/process/git.ts) hands to each git command through
 * GIT_CONFIG_COUNT/KEY/VALUE, so it is on no command line (`ps`) and in no file. Nothing lands
 * in a URL git stores or in .git/config. The header is scoped to the clone URL's origin so that
 * redirects or submodules on other hosts never get it.
 */
import type { GitAuth } from '../types.js';

export function basicAuthHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

function originOf(cloneUrl: string): string | undefined {
  if (!/^https?:\/\//i.test(cloneUrl)) return undefined;
  try {
    return new URL(cloneUrl).origin;
  } catch {
    return undefined;
  }
}

export function githubGitAuth(cloneUrl: string, token: string | undefined): GitAuth {
  if (!token) return { configArgs: [] };
  const origin = originOf(cloneUrl);
  const key = origin ? `http.${origin}/.extraHeader` : 'http.extraHeader';
  return { configArgs: [`${key}=${basicAuthHeader(token)}`] };
}

/** Removes the token (raw and as its Basic-auth encoding) from text bound for logs or errors. */
export function redactToken(text: string, token: string | undefined): string {
  if (!token) return text;
  const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
  return text.split(token).join('***').split(encoded).join('***');
}
