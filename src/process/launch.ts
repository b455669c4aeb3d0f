/**
 * Starts a command for godwit's process layer (git.ts, run-command.ts): through the spawner
 * (spawner.ts), so that the big godwit process does not fork per command, or with a plain
 * `child_process.spawn` while the spawner is starting, after it crashed, or when turned off
 * (GODWIT_SPAWNER=off). Both report the same events as a ChildProcess would.
 */
import { spawn } from 'node:child_process';
import type { LaunchEvents, LaunchOptions, Launched } from './launch-types.js';
import { spawnerLaunch } from './spawner.js';

export type { LaunchEvents, LaunchOptions, Launched } from './launch-types.js';

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is already gone */
  }
}

/** Detached groups started directly, killed when godwit exits (the spawner does this for its own). */
const directGroups = new Set<number>();
let exitHook = false;

function directLaunch(file: string, args: ReadonlyArray<string>, options: LaunchOptions, on: LaunchEvents): Launched {
  const detached = options.detached === true;
  let child;
  try {
    child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    queueMicrotask(() => on.error(error as Error, false));
    return { kill: () => {} };
  }
  const pid = child.pid;
  if (detached && pid !== undefined) {
    if (!exitHook) process.once('exit', () => directGroups.forEach((p) => killGroup(p, 'SIGKILL')));
    exitHook = true;
    directGroups.add(pid);
  }
  child.stdout!.on('data', on.stdout);
  child.stderr!.on('data', on.stderr);
  child.on('error', (error) => on.error(error, child.pid !== undefined));
  child.on('exit', on.exit);
  child.on('close', (code, signal) => {
    if (pid !== undefined) directGroups.delete(pid);
    on.close(code, signal);
  });
  if (options.input !== undefined && child.stdin) {
    child.stdin.on('error', () => {}); // the command may exit before reading all of it (EPIPE); its exit code tells
    child.stdin.end(options.input);
  }
  return {
    kill: (signal, group) => {
      if (group && detached) killGroup(pid, signal);
      else child.kill(signal);
    },
  };
}

/** Starts `file args`; `on` hears of it (never synchronously). */
export function launch(file: string, args: ReadonlyArray<string>, options: LaunchOptions, on: LaunchEvents): Launched {
  if (process.env.GODWIT_SPAWNER !== 'off') {
    const launched = spawnerLaunch(file, args, options, on);
    if (launched) return launched;
  }
  return directLaunch(file, args, options, on);
}
