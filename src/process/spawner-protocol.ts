/** The messages between godwit and its spawner (spawner.ts ↔ spawner-main.ts), over Node's IPC channel (`advanced` serialization). */

export interface SpawnRequest {
  t: 'spawn';
  id: number;
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Written to stdin, which is then closed; undefined: stdin is /dev/null. */
  input?: string;
  /** Its own process group. */
  detached: boolean;
}

export interface KillRequest {
  t: 'kill';
  id: number;
  signal: NodeJS.Signals;
  /** The whole process group (the command was started detached). */
  group: boolean;
}

export type ToSpawner = SpawnRequest | KillRequest;

export type FromSpawner =
  | { t: 'ready' }
  | { t: 'spawn'; id: number; pid: number }
  | { t: 'data'; id: number; fd: 1 | 2; data: Uint8Array }
  | { t: 'error'; id: number; message: string; code?: string; started: boolean }
  | { t: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null }
  | { t: 'close'; id: number; code: number | null; signal: NodeJS.Signals | null };
