/**
 * godwit's side of the spawner (spawner-main.ts): started on first use, used once it said it is
 * ready (commands started before that go through a plain spawn), restarted a while after it
 * died. A command in flight when the spawner dies ends with an error (it is not re-run: it may
 * have done part of its work) and its process (group) is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LaunchEvents, LaunchOptions, Launched } from './launch-types.js';
import type { FromSpawner, ToSpawner } from './spawner-protocol.js';

interface InFlight {
  on: LaunchEvents;
  detached: boolean;
  pid?: number;
  exited: boolean;
}

interface Spawner {
  child: ChildProcess;
  ready: boolean;
  /** Resolves true once it is ready, false when it died before. */
  started: Promise<boolean>;
  onStarted(ok: boolean): void;
  inFlight: Map<number, InFlight>;
}

const RESTART_AFTER_MS = 2000;
let current: Spawner | undefined;
let restartAt = 0;
let nextId = 1;

/** The compiled spawner next to this file (dist/), else its source run through tsx (from the checkout). */
function spawnerCommand(): { args: string[]; cwd: string } {
  const js = fileURLToPath(new URL('./spawner-main.js', import.meta.url));
  if (existsSync(js)) return { args: [js], cwd: process.cwd() };
  // `--import tsx` is resolved from the cwd: godwit's checkout, where tsx is installed.
  return { args: ['--import', 'tsx', fileURLToPath(new URL('./spawner-main.ts', import.meta.url))], cwd: fileURLToPath(new URL('../..', import.meta.url)) };
}

function killPid(pid: number, group: boolean, signal: NodeJS.Signals): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    /* already gone */
  }
}

function onMessage(spawner: Spawner, message: FromSpawner): void {
  if (message.t === 'ready') {
    spawner.ready = true;
    spawner.onStarted(true);
    return;
  }
  const entry = spawner.inFlight.get(message.id);
  if (!entry) return;
  switch (message.t) {
    case 'spawn':
      entry.pid = message.pid;
      break;
    case 'data': {
      const chunk = Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
      if (message.fd === 1) entry.on.stdout(chunk);
      else entry.on.stderr(chunk);
      break;
    }
    case 'error':
      if (!message.started) settle(spawner, message.id);
      entry.on.error(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}), message.started);
      break;
    case 'exit':
      entry.exited = true;
      entry.on.exit(message.code, message.signal);
      break;
    case 'close':
      settle(spawner, message.id);
      entry.on.close(message.code, message.signal);
      break;
  }
}

/** One command fewer in flight; the channel keeps godwit alive only while some are. */
function settle(spawner: Spawner, id: number): void {
  spawner.inFlight.delete(id);
  if (spawner.inFlight.size === 0) spawner.child.channel?.unref();
}

function onSpawnerGone(spawner: Spawner): void {
  if (current === spawner) current = undefined;
  spawner.onStarted(false);
  restartAt = Date.now() + RESTART_AFTER_MS;
  for (const [id, entry] of spawner.inFlight) {
    if (entry.pid !== undefined && !entry.exited) killPid(entry.pid, entry.detached, 'SIGKILL');
    spawner.inFlight.delete(id);
    const error = new Error('the spawner exited while the command ran');
    entry.on.error(error, true);
    entry.on.exit(null, 'SIGKILL');
    entry.on.close(null, 'SIGKILL');
  }
}

function startSpawner(): Spawner | undefined {
  const { args, cwd } = spawnerCommand();
  let child: ChildProcess;
  try {
    // Not godwit's environment (tokens): each command brings its own whole environment.
    const env = process.env.PATH === undefined ? {} : { PATH: process.env.PATH };
    child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
  } catch {
    return undefined;
  }
  let onStarted: (ok: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => (onStarted = resolve));
  const spawner: Spawner = { child, ready: false, started, onStarted, inFlight: new Map() };
  child.on('message', (message: FromSpawner) => onMessage(spawner, message));
  child.on('error', () => onSpawnerGone(spawner));
  child.on('exit', () => onSpawnerGone(spawner));
  child.on('disconnect', () => onSpawnerGone(spawner));
  child.unref();
  child.channel?.unref();
  return spawner;
}

/** The ready spawner; starts one when there is none (undefined until it is ready). */
function readySpawner(): Spawner | undefined {
  if (!current && Date.now() >= restartAt) current = startSpawner();
  return current?.ready && current.child.connected ? current : undefined;
}

/**
 * Starts the spawner now rather than on first use (a worker at start, tests) and resolves with
 * its pid once it is ready; undefined when it could not start.
 */
export async function warmSpawner(): Promise<number | undefined> {
  readySpawner();
  const spawner = current;
  if (!spawner) return undefined;
  // Waiting for it keeps godwit alive; an idle spawner does not.
  spawner.child.channel?.ref();
  const ok = await spawner.started;
  if (spawner.inFlight.size === 0) spawner.child.channel?.unref();
  return ok ? spawner.child.pid : undefined;
}

/** `launch` through the spawner; undefined when it is not ready (the caller spawns directly). */
export function spawnerLaunch(file: string, args: ReadonlyArray<string>, options: LaunchOptions, on: LaunchEvents): Launched | undefined {
  const spawner = readySpawner();
  if (!spawner) return undefined;
  const id = nextId++;
  const detached = options.detached === true;
  const entry: InFlight = { on, detached, exited: false };
  const send = (message: ToSpawner): void => {
    if (spawner.child.connected) spawner.child.send(message);
  };
  const kill = (signal: NodeJS.Signals, group = false): void => {
    if (entry.pid !== undefined) {
      // Known pid: at once, here; a group also after the command exited (what it left behind).
      if (group && detached) killPid(entry.pid, true, signal);
      else if (!entry.exited) killPid(entry.pid, false, signal);
    } else if (spawner.inFlight.has(id)) send({ t: 'kill', id, signal, group });
  };
  spawner.inFlight.set(id, entry);
  if (spawner.inFlight.size === 1) spawner.child.channel?.ref();
  send({ t: 'spawn', id, file, args: [...args], cwd: options.cwd, env: options.env, detached, ...(options.input !== undefined ? { input: options.input } : {}) });
  const signal = options.signal;
  if (signal) {
    const onAbort = (): void => {
      if (!spawner.inFlight.has(id)) return;
      kill('SIGTERM');
      const error = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
      on.error(error, true);
    };
    if (signal.aborted) queueMicrotask(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      const close = on.close;
      entry.on = { ...on, close: (code, sig) => (signal.removeEventListener('abort', onAbort), close(code, sig)) };
    }
  }
  return { kill };
}
