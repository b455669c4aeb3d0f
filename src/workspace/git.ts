/** simple-git bound to a folder, with a scrubbed environment and per-command auth (never persisted). */
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitAuth } from '../forge/types.js';
import { GodwitError } from '../errors.js';
import { scrubEnv } from '../verify/subprocess.js';

export interface GitOptions {
  auth?: GitAuth;
  signal?: AbortSignal;
}

export function gitIn(dir: string, options: GitOptions = {}): SimpleGit {
  const git = simpleGit({
    baseDir: dir,
    config: options.auth?.configArgs ?? [],
    ...(options.signal ? { abort: options.signal } : {}),
  });
  // No terminal: git cannot prompt for credentials (stdin is a pipe).
  return git.env({ ...gitEnv(), ...options.auth?.env });
}

/**
 * Git gets a small allowlisted environment: inherited GIT_*, EDITOR, PAGER … could redirect
 * it (GIT_DIR, GIT_SSH_COMMAND, GIT_CONFIG_*), and simple-git refuses several of them.
 */
const GIT_ENV_ALLOWLIST = /^(PATH|HOME|USER|LOGNAME|LANG|LC_[A-Z]+|TMPDIR|TZ|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|SYSTEMROOT)$/;

function gitEnv(): Record<string, string> {
  const env = scrubEnv(process.env);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (GIT_ENV_ALLOWLIST.test(key)) out[key] = value;
  return out;
}

/** Runs a git step and turns its failure into a GodwitError with the given code. */
export async function gitStep<T>(what: string, code: 'git-failed' | 'clone-failed' | 'push-failed', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const message = (error as Error).message.trim().split('\n').slice(0, 6).join('\n');
    throw new GodwitError(code, `${what} failed: ${message}`, 'Check that git can reach the repository and that the folder is a valid git repository.', { cause: error });
  }
}
