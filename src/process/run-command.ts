/**
 * Runs untrusted commands (installs, verifiers) safely: a scrubbed environment without
 * credentials, its own process group that is killed as a whole at the timeout or on abort,
 * and output captured by streaming up to a cap (the rest is dropped, never buffered).
 */
import { execa } from 'execa';
import { sandboxed, sandboxSpawnError } from './sandbox.js';

/** Environment variable names that may hold credentials; never passed to repository code. */
const SECRET_NAME_PATTERNS: ReadonlyArray<RegExp> = [
  /_TOKEN$/i,
  /_KEY$/i,
  /SECRET/i,
  /PASSWORD/i,
  /_AUTH/i,
  /^OPENAI_/i,
  /^GITHUB_/i,
  /^GH_/i,
  /^REDIS_URL$/i,
  /^GODWIT_/i,
  /^NPM_CONFIG__AUTH/i,
];

export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((p) => p.test(name));
}

/** A copy of `env` without credentials, with colours and interactive modes off. */
export function scrubEnv(env: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && !isSecretEnvName(k)) out[k] = v;
  }
  return { ...out, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

export interface RunCommandOptions {
  cwd: string;
  timeoutMs: number;
  /** Bytes of output kept (stdout and stderr interleaved); the rest is dropped. */
  maxOutputBytes: number;
  /** Added to the scrubbed environment (must not hold secrets). */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CommandResult {
  /** Display form of the command line. */
  command: string;
  exitCode: number | null;
  /** Captured output, at most maxOutputBytes. */
  output: string;
  /** The last bytes of output (also when the head was capped). */
  tail: string;
  truncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  /** Set when the command could not be started (e.g. ENOENT). */
  spawnError?: string;
}

const TAIL_BYTES = 8 * 1024;

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* the group is already gone */
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function formatCommand(file: string, args: ReadonlyArray<string>): string {
  return [file, ...args].map(quote).join(' ');
}

/** Runs `file args` and never throws for a failing command: the result says what happened. */
export async function runCommand(file: string, args: ReadonlyArray<string>, options: RunCommandOptions): Promise<CommandResult> {
  const started = Date.now();
  const command = formatCommand(file, args);
  const head: Buffer[] = [];
  let headBytes = 0;
  let truncated = false;
  let tail = Buffer.alloc(0);
  let timedOut = false;
  let cancelled = false;

  if (options.signal?.aborted) {
    return { command, exitCode: null, output: '', tail: '', truncated: false, timedOut: false, cancelled: true, durationMs: 0 };
  }

  // In its own PID namespace when the machine allows it (sandbox.ts).
  const spawn = sandboxed(file, args);
  const child = execa(spawn.file, spawn.args, {
    cwd: options.cwd,
    env: scrubEnv(process.env, options.env),
    extendEnv: false,
    // Its own process group, so that grandchildren are killed with it.
    detached: true,
    cleanup: true,
    stdin: 'ignore',
    all: true,
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });

  const onData = (chunk: Buffer | string): void => {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (headBytes < options.maxOutputBytes) {
      const room = options.maxOutputBytes - headBytes;
      const part = buf.length > room ? buf.subarray(0, room) : buf;
      head.push(part);
      headBytes += part.length;
      if (part.length < buf.length) truncated = true;
    } else truncated = true;
    tail = Buffer.concat([tail, buf]);
    if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
  };
  child.all?.on('data', onData);

  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    killGroup(child.pid);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const result = await child;
    const failed = result as { failed?: boolean; code?: string; exitCode?: number; originalMessage?: string };
    const output = Buffer.concat(head).toString('utf8');
    const spawnError =
      timedOut || cancelled
        ? undefined
        : failed.failed && failed.exitCode === undefined
          ? failed.originalMessage ?? failed.code
          : spawn.sandboxed
            ? sandboxSpawnError(failed.exitCode, output)
            : undefined;
    return {
      command,
      exitCode: timedOut || cancelled || spawnError ? null : result.exitCode ?? null,
      output,
      tail: tail.toString('utf8'),
      truncated,
      timedOut,
      cancelled,
      durationMs: Date.now() - started,
      ...(spawnError ? { spawnError } : {}),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Leftover grandchildren (daemons, watchers) of a finished command die with their group.
    killGroup(child.pid);
  }
}
