/**
 * SIGTERM/SIGINT for the long-running commands (worker, dashboard, demo). The first signal asks
 * the command to stop taking work and finish; the process exits at the latest after
 * `service.shutdownTimeoutMs`, also when the stop hangs (Redis unreachable, a job that does
 * not end). A second signal exits at once. Kubernetes, systemd and Ctrl-C rely on this.
 */
import type { Io } from './shared.js';

export interface ShutdownOptions {
  /** Prefix of the lines printed ("godwit worker"). */
  name: string;
  timeoutMs: number;
  /** Where its lines go (the command's io, or its service log). */
  io: Pick<Io, 'stdout' | 'stderr'>;
}

export interface Shutdown {
  /** Resolves with the first signal. */
  readonly requested: Promise<NodeJS.Signals>;
  /**
   * The graceful stop finished. The process then exits on its own; if a handle still keeps it
   * alive (a client reconnecting to a Redis that is gone), the deadline ends it.
   */
  finished(): void;
}

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export function handleShutdown(options: ShutdownOptions): Shutdown {
  const { name, timeoutMs, io } = options;
  let resolveRequested!: (signal: NodeJS.Signals) => void;
  const requested = new Promise<NodeJS.Signals>((resolve) => (resolveRequested = resolve));
  let deadline: NodeJS.Timeout | undefined;
  let stopped = false;

  // Commands still running die with us: the spawner kills what it started when we are gone, and
  // what was spawned directly is killed by an exit hook (src/process/launch.ts).
  const forceExit = (code: number): never => process.exit(code);

  const onSignal = (signal: NodeJS.Signals) => {
    if (deadline) {
      io.stderr(`${name}: ${signal} again — exiting now`);
      forceExit(EXIT_CODE[signal] ?? 1);
      return;
    }
    io.stdout(`${name}: ${signal} — stopping (exit within ${Math.round(timeoutMs / 1000)} s; signal again to exit at once)`);
    deadline = setTimeout(() => {
      if (stopped) forceExit(process.exitCode === undefined ? 0 : Number(process.exitCode));
      io.stderr(`${name}: did not stop within ${Math.round(timeoutMs / 1000)} s — exiting`);
      forceExit(1);
    }, timeoutMs);
    resolveRequested(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return {
    requested,
    finished() {
      stopped = true;
      // Stays armed, but no longer keeps the process alive by itself.
      deadline?.unref();
    },
  };
}
