/**
 * Git authentication for GitHub without persisting the token: an `http.<origin>/.extraHeader`
 * given to each git command as a `key=value` config entry (the pipeline passes it to simple-git
 * as `-c`; godwit's own push turns it into GIT_CONFIG_COUNT/KEY/VALUE environment so that it
 * is not on a command line). Nothing lands in a URL git stores or in .git/config. The header is
 * scoped to the clone URL's origin so that redirects or submodules on other hosts never get it.
 * (simple-git refuses GIT_CONFIG_COUNT and credential helpers, hence config entries.)
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
  // No env: simple-git refuses GIT_* variables it does not know to be safe (even GIT_TERMINAL_PROMPT).
  const env: Record<string, string> = {};
  if (!token) return { configArgs: [], env };
  const origin = originOf(cloneUrl);
  const key = origin ? `http.${origin}/.extraHeader` : 'http.extraHeader';
  return { configArgs: [`${key}=${basicAuthHeader(token)}`], env };
}

/** `key=value` config entries as GIT_CONFIG_COUNT/KEY/VALUE environment (not visible in `ps`). */
export function configEntriesToEnv(entries: string[]): Record<string, string> {
  if (entries.length === 0) return {};
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach((entry, i) => {
    const eq = entry.indexOf('=');
    env[`GIT_CONFIG_KEY_${i}`] = eq < 0 ? entry : entry.slice(0, eq);
    env[`GIT_CONFIG_VALUE_${i}`] = eq < 0 ? 'true' : entry.slice(eq + 1);
  });
  return env;
}

/** Removes the token (raw and as its Basic-auth encoding) from text bound for logs or errors. */
export function redactToken(text: string, token: string | undefined): string {
  if (!token) return text;
  const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
  return text.split(token).join('***').split(encoded).join('***');
}
