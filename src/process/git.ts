/**
 * The one git runner. Every git call godwit makes (clone, branch, commit, diff, push, guards,
 * eval, demo) goes through here, so none of them can be steered by the repository or by the
 * environment godwit was started with:
 * - a small allowlisted environment (never a token; no inherited GIT_DIR, GIT_SSH_COMMAND …);
 * - no system or global config (GIT_CONFIG_NOSYSTEM, GIT_CONFIG_GLOBAL=/dev/null);
 * - `-c core.hooksPath=/dev/null -c core.fsmonitor=false`: no hook and no fsmonitor ever runs;
 * - credentials (`key=value` config entries) through GIT_CONFIG_COUNT/KEY/VALUE, never argv
 *   (visible in `ps`) and never `.git/config`;
 * - in a clone registered with `protectGitDir`, `.git/config` and `.git/hooks` are checked
 *   against what godwit cloned before every call (git-integrity.ts): a repository command that
 *   wrote a filter, an fsmonitor or a hook ends the run before git could run it.
 */
import { execFileSync } from 'node:child_process';
import { GodwitError } from '../errors.js';
import { assertGitDirIntact } from './git-integrity.js';
import { launch } from './launch.js';

/** `-c` settings on every call. Not secret (they are on argv). */
const PROTECTIVE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'protocol.ext.allow=never',
  'submodule.recurse=false',
  // Clones are short-lived: no `git maintenance run --auto` / `gc --auto` after each commit (two processes per commit).
  'gc.auto=0',
  'maintenance.auto=false',
];

/** Inherited variables git may see: nothing that could redirect it or carry a credential. */
const GIT_ENV_ALLOWLIST = /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|LC_[A-Z]+|TMPDIR|TZ|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|SYSTEMROOT)$/;

export interface GitRunOptions {
  /**
   * `key=value` config entries for this call (author identity, an auth header). They go
   * through GIT_CONFIG_COUNT/KEY/VALUE: never on the command line, never on disk.
   */
  config?: ReadonlyArray<string>;
  signal?: AbortSignal;
  /** Resolve with the exit code instead of throwing when git fails. */
  allowFail?: boolean;
  /** Keep a trailing newline (diffs); default: trimmed like a shell would. */
  keepTrailingNewline?: boolean;
  maxBuffer?: number;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** `key=value` entries as GIT_CONFIG_COUNT/KEY/VALUE variables (not visible in `ps`). */
export function configEntriesToEnv(entries: ReadonlyArray<string>): Record<string, string> {
  if (entries.length === 0) return {};
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach((entry, i) => {
    const eq = entry.indexOf('=');
    env[`GIT_CONFIG_KEY_${i}`] = eq < 0 ? entry : entry.slice(0, eq);
    env[`GIT_CONFIG_VALUE_${i}`] = eq < 0 ? 'true' : entry.slice(eq + 1);
  });
  return env;
}

/** The environment every git call gets. */
export function gitEnv(config: ReadonlyArray<string> = [], source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined && GIT_ENV_ALLOWLIST.test(key)) env[key] = value;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    GIT_PAGER: 'cat',
    ...configEntriesToEnv(config),
  };
}

/** argv of a git call: the protective settings first, then the caller's arguments. */
export function gitArgs(cwd: string, args: ReadonlyArray<string>): string[] {
  // godwit owns its clones; when it runs as root they may belong to the sandbox user.
  const safe = process.getuid?.() === 0 ? ['-c', `safe.directory=${cwd}`] : [];
  return [...PROTECTIVE_CONFIG.flatMap((c) => ['-c', c]), ...safe, ...args];
}

function failure(args: ReadonlyArray<string>, result: GitResult): Error {
  const verb = args.find((a) => !a.startsWith('-')) ?? 'git';
  return new Error(`git ${verb} exited with ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 2000)}`);
}

interface SpawnedGit<T> {
  stdout: T;
  stderr: string;
  /** Undefined when git could not start or was killed by a signal (cancelled, output too large). */
  exitCode: number | undefined;
  message: string;
}

function stripFinalNewline<T extends string | Buffer>(value: T): T {
  const n = value.length;
  if (n === 0) return value;
  const last = typeof value === 'string' ? value.charCodeAt(n - 1) : value[n - 1];
  if (last !== 0x0a) return value;
  const cr = n > 1 && (typeof value === 'string' ? value.charCodeAt(n - 2) : value[n - 2]) === 0x0d;
  return value.slice(0, cr ? n - 2 : n - 1) as T;
}

/**
 * The one place that spawns git asynchronously: protective argv, allowlisted environment, `.git`
 * checked first. Started through launch.ts (the spawner), not execa: a job makes about ten git
 * calls, and execa's per-call set-up cost 3–6 ms each on top of the process itself (bench/queue/campaign.ts).
 */
function spawnGit<E extends 'utf8' | 'buffer'>(
  cwd: string,
  args: ReadonlyArray<string>,
  options: GitRunOptions & { input?: string },
  encoding: E,
): Promise<SpawnedGit<E extends 'utf8' ? string : Buffer>> {
  assertGitDirIntact(cwd);
  const maxBuffer = options.maxBuffer ?? 256 * 1024 * 1024;
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let problem = '';
    let settled = false;
    const finish = (exitCode: number | undefined): void => {
      if (settled) return;
      settled = true;
      const raw = Buffer.concat(out);
      const text = Buffer.concat(err).toString('utf8');
      const stdout = (encoding === 'buffer' ? raw : raw.toString('utf8')) as E extends 'utf8' ? string : Buffer;
      const keep = options.keepTrailingNewline === true;
      resolve({ stdout: keep ? stdout : stripFinalNewline(stdout), stderr: keep ? text : stripFinalNewline(text), exitCode, message: problem || text });
    };
    let exited = false;
    const collect = (into: Buffer[], chunk: Buffer, stream: 'stdout' | 'stderr'): void => {
      const size = stream === 'stdout' ? (outBytes += chunk.length) : (errBytes += chunk.length);
      if (size > maxBuffer) {
        problem ||= `git ${stream} exceeded ${maxBuffer} bytes`;
        if (!exited) child.kill('SIGKILL');
        return;
      }
      into.push(chunk);
    };
    const child = launch('git', gitArgs(cwd, args), { cwd, env: gitEnv(options.config), ...(options.input !== undefined ? { input: options.input } : {}), signal: options.signal }, {
      stdout: (chunk) => collect(out, chunk, 'stdout'),
      stderr: (chunk) => collect(err, chunk, 'stderr'),
      error: (error, started) => {
        problem ||= error.message;
        // A spawn failure emits no 'close' of its own when nothing was started.
        if (!started) finish(undefined);
      },
      // Killed (aborted, output too large): done now, not when a grandchild lets go of the pipes.
      exit: () => {
        exited = true;
        if (problem) finish(undefined);
      },
      close: (code) => finish(problem ? undefined : (code ?? undefined)),
    });
  });
}

/** Runs git in `cwd`; throws on a non-zero exit unless `allowFail`. */
export async function runGit(cwd: string, args: ReadonlyArray<string>, options: GitRunOptions = {}): Promise<GitResult> {
  const child = await spawnGit(cwd, args, options, 'utf8');
  if (options.signal?.aborted) throw new GodwitError('cancelled', 'the run was cancelled');
  const result: GitResult = { stdout: child.stdout, stderr: child.stderr, exitCode: child.exitCode ?? 1 };
  if (child.exitCode === undefined && !options.allowFail) throw new Error(`git did not run to its end: ${child.message}`);
  if (result.exitCode !== 0 && !options.allowFail) throw failure(args, result);
  return result;
}

/** Runs git with `input` on stdin and returns stdout as bytes (batch commands such as `cat-file --batch`); throws on failure. */
export async function runGitBytes(cwd: string, args: ReadonlyArray<string>, input: string, options: Pick<GitRunOptions, 'signal' | 'maxBuffer'> = {}): Promise<Buffer> {
  const child = await spawnGit(cwd, args, { ...options, input, keepTrailingNewline: true }, 'buffer');
  if (options.signal?.aborted) throw new GodwitError('cancelled', 'the run was cancelled');
  if (child.exitCode === undefined) throw new Error(`git did not run to its end: ${child.message}`);
  if (child.exitCode !== 0) throw failure(args, { stdout: '', stderr: child.stderr, exitCode: child.exitCode });
  return child.stdout;
}

/** Synchronous variant for setup code (demo, eval): same argv and environment rules. */
export function runGitSync(cwd: string, args: ReadonlyArray<string>, options: Pick<GitRunOptions, 'config'> = {}): string {
  assertGitDirIntact(cwd);
  return execFileSync('git', gitArgs(cwd, args), { cwd, env: gitEnv(options.config), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface GitHandle {
  /** stdout of `git args` (trailing newline kept); throws when git fails. */
  raw(args: ReadonlyArray<string>): Promise<string>;
}

export interface GitOptions {
  /** Per-call config entries, e.g. an auth header (see GitRunOptions.config). */
  config?: ReadonlyArray<string>;
  signal?: AbortSignal;
}

/** git bound to a folder. */
export function gitIn(dir: string, options: GitOptions = {}): GitHandle {
  return {
    raw: async (args) => (await runGit(dir, args, { ...options, keepTrailingNewline: true })).stdout,
  };
}

/** Runs a git step and turns its failure into a GodwitError with the given code (GodwitErrors pass through). */
export async function gitStep<T>(what: string, code: 'git-failed' | 'clone-failed' | 'push-failed', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GodwitError) throw error;
    const message = (error as Error).message.trim().split('\n').slice(0, 6).join('\n');
    throw new GodwitError(code, `${what} failed: ${message}`, 'Check that git can reach the repository and that the folder is a valid git repository.', { cause: error });
  }
}
