/**
 * Runs untrusted commands (installs, verifiers) safely: a scrubbed environment without
 * credentials, its own process group that is killed as a whole at the timeout or on abort,
 * and output captured by streaming up to a cap (the rest is dropped, never buffered).
 */
import { launch } from './launch.js';
import { SANDBOX_HOME, sandboxSettings, sandboxSpawnError, wrapCommand, type SandboxMounts } from './sandbox.js';

/** godwit's own environment variables that always reach repository commands: nothing that can hold a secret. */
const ALWAYS_PASSED = /^(PATH|LANG|LANGUAGE|LC_[A-Z]+|TZ|TERM)$/;

/**
 * The environment of an untrusted command: an allowlist of godwit's variables (PATH, LANG, LC_*,
 * TZ, TERM, plus the names in sandbox.allowEnv), CI=true and colours off, then `extra` — what the
 * caller sets on purpose (PATH of the clone, corepack's settings, the repository's own verifier
 * env such as NODE_OPTIONS). Tokens, AWS_*, DATABASE_URL and everything else godwit was started
 * with are dropped. In the sandbox HOME is its private tmpfs; without it, godwit's HOME.
 */
export function commandEnv(env: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}, allow: ReadonlyArray<string> = sandboxSettings().allowEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && (ALWAYS_PASSED.test(k) || allow.includes(k))) out[k] = v;
  }
  const home = sandboxSettings().level === 'off' ? env.HOME : SANDBOX_HOME;
  return { ...out, ...(home ? { HOME: home } : {}), CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1', NPM_CONFIG_COLOR: 'false', ...extra };
}

export interface RunCommandOptions {
  cwd: string;
  timeoutMs: number;
  /** Bytes of output kept (stdout and stderr interleaved); the rest is dropped. */
  maxOutputBytes: number;
  /** Added to the allowlisted environment (must not hold secrets). */
  env?: Record<string, string>;
  /** What the command may see beyond the clone (`cwd`) and the system folders; network off unless asked. */
  sandbox?: Omit<SandboxMounts, 'cwd'>;
  signal?: AbortSignal | undefined;
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
  /** The sandbox limit the command ran into (`memory limit (4096 MiB …)`), when godwit can tell. */
  limit?: string;
}

const TAIL_BYTES = 8 * 1024;

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function formatCommand(file: string, args: ReadonlyArray<string>): string {
  return [file, ...args].map(quote).join(' ');
}

/**
 * Runs `file args` in the sandbox and never throws for a failing command: the result says what
 * happened. Throws `sandbox-unavailable` when the sandbox is required and cannot be made.
 */
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

  const onData = (buf: Buffer): void => {
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

  // In bubblewrap with limits (sandbox.ts), unless the sandbox is turned off.
  const spawn = wrapCommand(file, args, { cwd: options.cwd, ...options.sandbox });
  let startError: string | undefined;
  let onDone: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void = () => {};
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (onDone = resolve));
  // Its own process group (detached), so that grandchildren are killed with it.
  const child = launch(spawn.file, spawn.args, { cwd: options.cwd, env: commandEnv(process.env, options.env), detached: true }, {
    stdout: onData,
    stderr: onData,
    error: (error, started) => {
      if (started) return;
      startError = error.message || (error as NodeJS.ErrnoException).code;
      onDone({ code: null, signal: null });
    },
    exit: () => {},
    close: (code, signal) => onDone({ code, signal }),
  });

  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL', true);
  }, options.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    child.kill('SIGKILL', true);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const exit = await done;
    const output = Buffer.concat(head).toString('utf8');
    const code = exit.code ?? undefined;
    const spawnError = timedOut || cancelled ? undefined : startError ?? (spawn.sandboxed ? sandboxSpawnError(code, output) : undefined);
    const exitCode = timedOut || cancelled || spawnError ? null : exit.code;
    const limit = exitCode !== 0 && !timedOut && !cancelled && !spawnError ? spawn.limitHit(code, exit.signal ?? undefined, `${output}\n${tail.toString('utf8')}`) : undefined;
    const tailText = tail.toString('utf8') + (limit ? `\n[godwit] the command hit the sandbox's ${limit}` : '');
    return {
      command,
      exitCode,
      output,
      tail: tailText,
      truncated,
      timedOut,
      cancelled,
      durationMs: Date.now() - started,
      ...(spawnError ? { spawnError } : {}),
      ...(limit ? { limit } : {}),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Leftover grandchildren (daemons, watchers) of a finished command die with their group.
    child.kill('SIGKILL', true);
    spawn.dispose();
  }
}
