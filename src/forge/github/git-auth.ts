/**
 * Git authentication for GitHub without persisting the token: an `http.<origin>/.extraHeader`
 * set through GIT_CONFIG_COUNT/KEY/VALUE environment variables of the one git process. Nothing
 * lands in a URL git stores, in .git/config, or on the command line (where `ps` would show it).
 * The header is scoped to the clone URL's origin so that redirects or submodules on other hosts
 * never receive it.
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
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0' };
  if (token) {
    const origin = originOf(cloneUrl);
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = origin ? `http.${origin}/.extraHeader` : 'http.extraHeader';
    env.GIT_CONFIG_VALUE_0 = basicAuthHeader(token);
  }
  return { configArgs: [], env };
}

/** Removes the token (raw and as its Basic-auth encoding) from text bound for logs or errors. */
export function redactToken(text: string, token: string | undefined): string {
  if (!token) return text;
  const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
  return text.split(token).join('***').split(encoded).join('***');
}
