/**
 * The Octokit client godwit talks to GitHub with: @octokit/rest plus the throttling plugin
 * (primary and secondary rate limits wait and retry) and the retry plugin (5xx retried).
 * `githubCall` turns whatever is left over into a GodwitError that names the repository and
 * the call, so that a fleet operator can tell which repository needs attention.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { GodwitConfig } from '../../config/schema.js';
import { GodwitError } from '../../errors.js';

// Annotated: the plugins add nothing godwit calls, and the inferred type cannot be named in
// the emitted declarations (TS2883).
const GodwitOctokit: typeof Octokit = Octokit.plugin(throttling, retry);
export type GithubClient = Octokit;

export interface GithubClientOptions {
  /** Retries after a rate limit (primary or secondary) before giving up. Default 3. */
  rateLimitRetries?: number;
  /** Retries after a 5xx or network error. Default 3. */
  serverErrorRetries?: number;
  /**
   * Milliseconds per "second" of wait that GitHub asks for (retry-after, backoff). Default 1000;
   * tests pass a few milliseconds so that a `retry-after: 1` is waited out quickly.
   */
  waitUnitMs?: number;
  /**
   * Minimum spacing of write and search requests (GitHub's best practice: 1 s and 2 s).
   * Tests pass 0.
   */
  writeSpacingMs?: number;
  searchSpacingMs?: number;
  /** Where rate-limit waits are reported (never with credentials). */
  onWarn?: (message: string) => void;
}

export function requireToken(github: GodwitConfig['github']): string {
  const token = github.token?.trim();
  if (!token) {
    throw new GodwitError(
      'github-token-missing',
      'GITHUB_TOKEN is not set, so godwit cannot reach GitHub.',
      'Set GITHUB_TOKEN to a fine-grained token (or GitHub App token) with contents and pull requests write, ' +
        'metadata read; see docs/github.md. For GitHub Enterprise also set GITHUB_API_URL.',
    );
  }
  return token;
}

/** Builds the client; throws `github-token-missing` without a token. */
export function createGithubClient(github: GodwitConfig['github'], options: GithubClientOptions = {}): GithubClient {
  return buildGithubClient(github, options, { auth: requireToken(github) });
}

/**
 * The client with throttling and retries over any authentication: a token (`{ auth }`), or an
 * auth strategy such as @octokit/auth-app (`{ authStrategy, auth }`, see app-auth.ts).
 */
export function buildGithubClient(
  github: Pick<GodwitConfig['github'], 'apiUrl'>,
  options: GithubClientOptions,
  authentication: { auth: unknown; authStrategy?: unknown },
): GithubClient {
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const waitUnitMs = options.waitUnitMs ?? 1000;
  const warn = options.onWarn ?? (() => {});
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const again = retryCount < rateLimitRetries;
      warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}; ${again ? `waiting ${retryAfter}s and retrying` : 'giving up'}`);
      return again;
    };
  // Own Bottleneck groups per client: the plugin's defaults are process-wide and fixed at 1 s / 2 s spacing.
  const group = (minTime: number, maxConcurrent: number): Bottleneck.Group => new Bottleneck.Group({ minTime, maxConcurrent });
  return new GodwitOctokit({
    ...(authentication as { auth: string }),
    baseUrl: github.apiUrl.replace(/\/+$/, ''),
    userAgent: 'godwit',
    // Octokit logs deprecations and request errors to the console by default; route them to `warn`.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
    // Not `request.retries`: the retry plugin would then retry every status, 4xx included.
    retry: { retryAfterBaseValue: waitUnitMs, retries: options.serverErrorRetries ?? 3 },
    throttle: {
      retryAfterBaseValue: waitUnitMs,
      fallbackSecondaryRateRetryAfter: 60,
      write: group(options.writeSpacingMs ?? 1000, 1),
      search: group(options.searchSpacingMs ?? 2000, 1),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
}

interface HttpErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown };
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

/** GitHub's validation errors (422) carry the useful part in `errors[]`. */
function detailOf(error: HttpErrorLike): string {
  const data = error.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const parts: string[] = [];
  if (typeof data?.message === 'string') parts.push(data.message);
  else parts.push(error.message);
  if (Array.isArray(data?.errors)) {
    for (const e of data.errors.slice(0, 5)) {
      if (typeof e === 'string') parts.push(e);
      else if (e && typeof e === 'object') {
        const o = e as Record<string, unknown>;
        parts.push([o.resource, o.field, o.code, o.message].filter((x) => typeof x === 'string').join(' '));
      }
    }
  }
  return parts.filter(Boolean).join('; ').slice(0, 500);
}

function hintFor(status: number, detail: string): string {
  if ((status === 403 || status === 429) && /rate limit/i.test(detail)) {
    return "GitHub's rate limit was still exceeded after godwit waited and retried; re-run later, or lower limits.prsPerHour and the worker concurrency.";
  }
  if (status === 401) return 'Check that GITHUB_TOKEN is valid and not expired.';
  if (status === 403) {
    return 'The token lacks a permission (needs contents + pull requests write, metadata read), or the organization restricts it; see docs/github.md.';
  }
  if (status === 404) return 'Check the repository name, and that the token can see it (private repositories need access).';
  if (status === 422) return 'GitHub refused the request as invalid; the details above say which field. Fix it and re-run.';
  if (status >= 500) return 'GitHub is having trouble; godwit retried already. Re-run later.';
  return 'See the GitHub response above; re-run once it is fixed.';
}

/**
 * Runs one API call and maps failures: 4xx → `forge-failed` (404 on the repository → `repo-not-found`),
 * 5xx after the retry plugin gave up → `forge-failed`, all naming `repo` and `call`.
 */
export async function githubCall<T>(repo: string, call: string, fn: () => Promise<T>, opts: { notFound?: 'repo' } = {}): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GodwitError) throw error;
    if (isHttpError(error) && error.status > 0) {
      const code = error.status === 404 && opts.notFound === 'repo' ? 'repo-not-found' : 'forge-failed';
      const detail = detailOf(error);
      throw new GodwitError(code, `GitHub ${call} for ${repo} failed (${error.status}): ${detail}`, hintFor(error.status, detail), {
        cause: error,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new GodwitError('forge-failed', `GitHub ${call} for ${repo} failed: ${message}`, 'Check that GITHUB_API_URL is reachable, then re-run.', {
      cause: error,
    });
  }
}
