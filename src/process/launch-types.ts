/** What launch.ts takes and gives, shared by its two ways of starting a command (plain spawn, the spawner). */

export interface LaunchOptions {
  cwd: string;
  /** The command's whole environment (nothing is inherited). */
  env: Record<string, string>;
  /** Written to stdin, which is then closed; undefined: stdin is /dev/null. */
  input?: string;
  /** Its own process group, so that `kill(signal, true)` reaches its children too. */
  detached?: boolean;
  /** Abort: SIGTERM, and `error` with the AbortError (as child_process's `signal` option). */
  signal?: AbortSignal | undefined;
}

/** What a caller hears of the command, in ChildProcess's order: data, error, exit, close. */
export interface LaunchEvents {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** Could not start (`started` false: no exit or close follows), or aborted. */
  error(error: Error, started: boolean): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
  /** Exited and its output pipes closed. */
  close(code: number | null, signal: NodeJS.Signals | null): void;
}

export interface Launched {
  /** Signals the command, or its whole process group (`group`, for a detached command) — also after it exited, for what it left behind. */
  kill(signal: NodeJS.Signals, group?: boolean): void;
}
