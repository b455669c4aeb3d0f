/**
 * The spawner: a small, long-lived child of godwit that starts commands for it (spawner.ts).
 * fork() of the big godwit process (hundreds of MB with TypeScript loaded) blocks its event
 * loop for several ms per command; this process is small, so its forks are cheap and happen off
 * godwit's main thread. It relays each command's output and exit back over the IPC channel, and
 * when the channel closes (godwit exited or was killed) it kills every command it started and exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { FromSpawner, SpawnRequest, ToSpawner } from './spawner-protocol.js';

interface Running {
  child: ChildProcess;
  detached: boolean;
}
const running = new Map<number, Running>();

// Output is relayed with backpressure: while too many messages wait in the channel, the commands' pipes are paused.
const HIGH_WATER = 64;
let unsent = 0;
let paused = false;

function send(message: FromSpawner): void {
  if (!process.connected) return;
  unsent++;
  process.send!(message, undefined, undefined, () => {
    unsent--;
    if (paused && unsent < HIGH_WATER / 2) {
      paused = false;
      for (const { child } of running.values()) {
        child.stdout?.resume();
        child.stderr?.resume();
      }
    }
  });
  if (!paused && unsent >= HIGH_WATER) {
    paused = true;
    for (const { child } of running.values()) {
      child.stdout?.pause();
      child.stderr?.pause();
    }
  }
}

function kill(entry: Running, signal: NodeJS.Signals, group: boolean): void {
  const pid = entry.child.pid;
  if (pid === undefined) return;
  try {
    if (group && entry.detached) process.kill(-pid, signal);
    else entry.child.kill(signal);
  } catch {
    /* already gone */
  }
}

function start(request: SpawnRequest): void {
  const { id } = request;
  let child: ChildProcess;
  try {
    child = spawn(request.file, request.args, { cwd: request.cwd, env: request.env, detached: request.detached, stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    send({ t: 'error', id, message: e.message, ...(e.code ? { code: e.code } : {}), started: false });
    return;
  }
  const entry = { child, detached: request.detached };
  running.set(id, entry);
  if (child.pid !== undefined) send({ t: 'spawn', id, pid: child.pid });
  child.stdout!.on('data', (data: Buffer) => send({ t: 'data', id, fd: 1, data }));
  child.stderr!.on('data', (data: Buffer) => send({ t: 'data', id, fd: 2, data }));
  if (paused) {
    child.stdout!.pause();
    child.stderr!.pause();
  }
  child.on('error', (error: NodeJS.ErrnoException) => {
    const started = child.pid !== undefined;
    if (!started) running.delete(id);
    send({ t: 'error', id, message: error.message, ...(error.code ? { code: error.code } : {}), started });
  });
  child.on('exit', (code, signal) => send({ t: 'exit', id, code, signal }));
  child.on('close', (code, signal) => {
    running.delete(id);
    send({ t: 'close', id, code, signal });
  });
  if (request.input !== undefined && child.stdin) {
    child.stdin.on('error', () => {}); // the command may exit before reading all of it (EPIPE); its exit code tells
    child.stdin.end(request.input);
  }
}

process.on('message', (message: ToSpawner) => {
  if (message.t === 'spawn') start(message);
  else {
    const entry = running.get(message.id);
    if (entry) kill(entry, message.signal, message.group);
  }
});

// godwit is gone (exited, crashed or SIGKILLed): nothing it started may outlive it.
process.on('disconnect', () => {
  for (const entry of running.values()) kill(entry, 'SIGKILL', true);
  process.exit(0);
});

// A terminal's Ctrl-C or a group-wide SIGTERM is for godwit, which shuts down on its own time; this process ends with its channel.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

send({ t: 'ready' });
