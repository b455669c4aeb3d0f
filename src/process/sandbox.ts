/**
 * The sandbox every untrusted command runs in (installs, lifecycle scripts, verifiers, the
 * formatter): bubblewrap (`bwrap`) with
 * - the repository clone read-write and its `.git` read-only;
 * - a private tmpfs `/tmp` and `$HOME`, read-only system folders (`/usr`, the few `/etc` files a
 *   toolchain needs, Node's install folder), the package cache read-only (read-write, with the
 *   network, only for the download step of an install), and the configured toolbox paths;
 * - nothing else of the host: not godwit's checkout or config, not the workdir's other runs,
 *   not `/root`, not the host's `/proc`;
 * - its own user, PID, IPC, UTS, cgroup and network namespaces (loopback only: Redis and every
 *   host port are out of reach), uid/gid 65534 without capabilities, a new session, killed with
 *   godwit;
 * - limits: writable memory and file size (`prlimit`), processes (a `pids` cgroup when godwit may
 *   make one — required as root, where RLIMIT_NPROC is not enforced — else RLIMIT_NPROC).
 * `sandbox.level: off` (GODWIT_SANDBOX=off) runs commands on the host, with the allowlisted
 * environment only; the RunReport says so. With `bwrap` and no working bubblewrap, untrusted
 * commands are refused (`sandbox-unavailable`): fail closed. Probed once per process.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../errors.js';

/** config.sandbox (src/config/schema.ts documents each key); process/ cannot import config/ (a folder cycle). */
export interface SandboxSettings {
  level: 'bwrap' | 'off';
  readOnlyPaths: string[];
  memoryMb: number;
  maxProcesses: number;
  maxFileSizeMb: number;
  allowEnv: string[];
}

/** Until a config is loaded: the schema's defaults (test/config checks that they match). */
export const DEFAULT_SANDBOX_SETTINGS: SandboxSettings = { level: 'bwrap', readOnlyPaths: [], memoryMb: 4096, maxProcesses: 1024, maxFileSizeMb: 1024, allowEnv: [] };

/** What a RunReport records about the sandbox its commands ran in. */
export interface SandboxInfo {
  level: 'bwrap' | 'off';
  /** `none`: repository code never had the network (downloads did); `host`: commands ran with the host's network. */
  network: 'none' | 'host';
  /** The uid commands ran as. */
  uid: number;
}

/** What one command may see beyond the system folders. */
export interface SandboxMounts {
  /** The clone: bound read-write, its `.git` read-only. */
  cwd: string;
  /** Extra read-write folders (the verifier's report folder, the cache for a download). */
  writable?: ReadonlyArray<string>;
  /** Extra read-only folders (the package cache, corepack's shims). */
  readOnly?: ReadonlyArray<string>;
  /** The host's network (only for the download step of an install, which runs no repository code). */
  network?: boolean;
}

/** The uid/gid commands run as inside the sandbox (`nobody`). */
export const SANDBOX_UID = 65534;
/** `$HOME` inside the sandbox (a private tmpfs). */
export const SANDBOX_HOME = '/home/sandbox';

const PIDS_CGROUP_ROOT = '/sys/fs/cgroup/pids';

/** The /etc files a Node toolchain needs: name resolution, users, TLS roots, time zone. */
const ETC_FILES = [
  'resolv.conf',
  'hosts',
  'host.conf',
  'gai.conf',
  'nsswitch.conf',
  'passwd',
  'group',
  'localtime',
  'ssl',
  'ca-certificates',
  'ca-certificates.conf',
  'alternatives',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'os-release',
  'mime.types',
];

let settings: SandboxSettings = DEFAULT_SANDBOX_SETTINGS;

interface Probe {
  ok: boolean;
  /** Why bubblewrap does not work here (when !ok). */
  reason?: string;
  /** Whether a pids cgroup can be made for each command. */
  pidsCgroup: boolean;
}
let probe: Probe | undefined;

/** Takes the sandbox settings of a loaded config (the job runner and the CLI call it once). */
export function configureSandbox(next: SandboxSettings): void {
  settings = next;
}

export function sandboxSettings(): SandboxSettings {
  return settings;
}

/**
 * The host programs the sandbox is made with, by absolute path from the system folders: never
 * looked up on the command's PATH, whose first entry is the clone's own node_modules/.bin.
 */
function systemProgram(name: string): string {
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin']) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return name;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function canMakePidsCgroup(): boolean {
  if (!isRoot() || !existsSync(path.join(PIDS_CGROUP_ROOT, 'cgroup.procs'))) return false;
  const dir = path.join(PIDS_CGROUP_ROOT, `godwit-probe-${process.pid}`);
  try {
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'pids.max'), '16');
    return true;
  } catch {
    return false;
  } finally {
    try {
      rmdirSync(dir);
    } catch {
      /* not made */
    }
  }
}

function runProbe(): Probe {
  if (process.platform !== 'linux') return { ok: false, reason: 'bubblewrap needs Linux', pidsCgroup: false };
  const pidsCgroup = canMakePidsCgroup();
  try {
    execFileSync(systemProgram('bwrap'), [...baseArgs(false), '--', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
  } catch (error) {
    const e = error as { code?: string; stderr?: Buffer };
    const reason = e.code === 'ENOENT' || !existsSync(systemProgram('bwrap')) ? 'bubblewrap (bwrap) is not installed' : `bwrap cannot make namespaces here: ${String(e.stderr ?? '').trim() || 'unknown error'}`;
    return { ok: false, reason, pidsCgroup };
  }
  // As root, RLIMIT_NPROC does not hold: without a pids cgroup a fork bomb would reach the machine.
  if (isRoot() && !pidsCgroup) return { ok: false, reason: `godwit runs as root and cannot make a pids cgroup under ${PIDS_CGROUP_ROOT} to limit processes`, pidsCgroup };
  return { ok: true, pidsCgroup };
}

/**
 * Throws `sandbox-unavailable` when the settings ask for bubblewrap and it cannot be made here.
 * Call before running repository code; cheap after the first call.
 */
export function requireSandbox(): SandboxInfo {
  if (settings.level === 'off') return sandboxInfo();
  probe ??= runProbe();
  if (!probe.ok) {
    throw new GodwitError(
      'sandbox-unavailable',
      `cannot run repository commands in a sandbox: ${probe.reason}`,
      'Install bubblewrap (Debian/Ubuntu: apt-get install -y bubblewrap; scripts/ensure-system-deps.sh bubblewrap) and allow user namespaces, or — only for repositories you trust — turn the sandbox off with GODWIT_SANDBOX=off (config key sandbox.level: "off"). See docs/security.md.',
    );
  }
  return sandboxInfo();
}

/** The sandbox commands run in under the current settings (for the RunReport). */
export function sandboxInfo(): SandboxInfo {
  return settings.level === 'off' ? { level: 'off', network: 'host', uid: process.getuid?.() ?? -1 } : { level: 'bwrap', network: 'none', uid: SANDBOX_UID };
}

/** The namespaces, identity and system folders every sandboxed command gets. */
function baseArgs(network: boolean): string[] {
  const args = ['--unshare-all', ...(network ? ['--share-net'] : []), '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  args.push('--uid', String(SANDBOX_UID), '--gid', String(SANDBOX_UID), '--hostname', 'sandbox');
  args.push('--ro-bind', '/usr', '/usr');
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    let stat;
    try {
      stat = lstatSync(top);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(top), top);
    else if (stat.isDirectory()) args.push('--ro-bind', top, top);
  }
  for (const name of ETC_FILES) args.push('--ro-bind-try', path.join('/etc', name), path.join('/etc', name));
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--tmpfs', '/home', '--dir', SANDBOX_HOME);
  // Node outside /usr (nvm, a tarball under /opt): its install folder, read-only.
  const nodeHome = path.dirname(path.dirname(process.execPath));
  if (!isUnder(process.execPath, '/usr')) args.push('--ro-bind', nodeHome, nodeHome);
  return args;
}

function isUnder(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function depth(p: string): number {
  return path.resolve(p).split(path.sep).length;
}

/** The bwrap argv (without the command) for `mounts` under the current settings. */
export function bwrapArgs(mounts: SandboxMounts): string[] {
  const args = baseArgs(mounts.network === true);
  const binds: Array<[flag: string, p: string]> = [];
  for (const p of settings.readOnlyPaths) binds.push(['--ro-bind-try', path.resolve(p)]);
  for (const p of mounts.readOnly ?? []) binds.push(['--ro-bind-try', path.resolve(p)]);
  for (const p of mounts.writable ?? []) binds.push(['--bind', path.resolve(p)]);
  const cwd = path.resolve(mounts.cwd);
  binds.push(['--bind', cwd]);
  if (existsSync(path.join(cwd, '.git'))) binds.push(['--ro-bind', path.join(cwd, '.git')]);
  // Parents before children, so that a folder bound inside another stays visible.
  binds.sort((a, b) => depth(a[1]) - depth(b[1]));
  for (const [flag, p] of binds) args.push(flag, p, p);
  args.push('--setenv', 'HOME', SANDBOX_HOME, '--chdir', cwd);
  return args;
}

/** A command wrapped in prlimit + bwrap, and the clean-up of its pids cgroup. */
export interface WrappedCommand {
  file: string;
  args: string[];
  sandboxed: boolean;
  /** Which limit the command hit, judged after it ended (undefined: none, or not known). */
  limitHit(exitCode: number | undefined, signal: string | undefined, output: string): string | undefined;
  /** Kills what is left in the command's cgroup and removes it. */
  dispose(): void;
}

const MB = 1024 * 1024;

function makeCgroup(): string | undefined {
  if (!probe?.pidsCgroup) return undefined;
  const dir = path.join(PIDS_CGROUP_ROOT, `godwit-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'pids.max'), String(settings.maxProcesses));
    return dir;
  } catch {
    return undefined;
  }
}

/** Cgroups whose processes were still exiting at dispose: retried in the background, and once more at exit. */
const pendingCgroups = new Set<string>();
const CGROUP_RETRY_MS = 5;
const CGROUP_RETRIES = 400; // about 2 s
let exitHook = false;

/** SIGKILLs every process in the cgroup and removes it; false while some are still exiting. */
function removeCgroup(dir: string): boolean {
  try {
    for (const pid of readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function retryCgroup(dir: string, attempt: number): void {
  setTimeout(() => {
    // Given up after ~2 s: it stays pending for the attempt at exit.
    if (removeCgroup(dir)) pendingCgroups.delete(dir);
    else if (attempt < CGROUP_RETRIES) retryCgroup(dir, attempt + 1);
  }, CGROUP_RETRY_MS).unref();
}

function removePendingAtExit(): void {
  for (const dir of pendingCgroups) removeCgroup(dir);
}

/**
 * Kills what is left in the command's cgroup and removes it. The kernel needs a moment after the
 * SIGKILL before an emptied cgroup can go (the processes are still exiting, often ~20 ms): the
 * removal is then retried on unref'd timers, killing again each time, never blocking the event
 * loop (the other job of the worker runs meanwhile).
 */
function disposeCgroup(dir: string): void {
  if (removeCgroup(dir)) return;
  if (!exitHook) process.once('exit', removePendingAtExit);
  exitHook = true;
  pendingCgroups.add(dir);
  retryCgroup(dir, 1);
}

function pidsLimitReached(dir: string): boolean {
  try {
    return /^max\s+[1-9]/m.test(readFileSync(path.join(dir, 'pids.events'), 'utf8'));
  } catch {
    return false;
  }
}

/**
 * `file args` as run under the current settings: in bubblewrap with the limits, or as is when
 * the sandbox is off. Throws `sandbox-unavailable` when it should be sandboxed and cannot be.
 */
export function wrapCommand(file: string, args: ReadonlyArray<string>, mounts: SandboxMounts): WrappedCommand {
  requireSandbox();
  const memory = `${settings.memoryMb} MiB`;
  const limitFromOutput = (exitCode: number | undefined, signal: string | undefined, output: string): string | undefined => {
    if (/Array buffer allocation failed|Cannot allocate memory|ENOMEM|JavaScript heap out of memory|std::bad_alloc|out of memory/i.test(output)) return `memory limit (${memory} per process, sandbox.memoryMb)`;
    if (signal === 'SIGXFSZ' || exitCode === 128 + 25 || /File too large|EFBIG/.test(output)) return `file size limit (${settings.maxFileSizeMb} MiB, sandbox.maxFileSizeMb)`;
    if (/EAGAIN.*(fork|spawn)|fork: retry|Cannot fork|Resource temporarily unavailable/i.test(output)) return `process limit (${settings.maxProcesses}, sandbox.maxProcesses)`;
    return undefined;
  };
  if (settings.level === 'off') return { file, args: [...args], sandboxed: false, limitHit: () => undefined, dispose: () => {} };
  // RLIMIT_DATA, not RLIMIT_AS: it counts writable memory actually mapped, not the address space
  // V8 and WebAssembly reserve up front (an AS limit breaks Vitest's WebAssembly parsers).
  const limits = [`--data=${settings.memoryMb * MB}`, `--fsize=${settings.maxFileSizeMb * MB}`, '--core=0'];
  const cgroup = makeCgroup();
  // Without a cgroup (not root), RLIMIT_NPROC holds: it counts the real uid's processes.
  if (!cgroup) limits.push(`--nproc=${settings.maxProcesses}`);
  const bwrap = [systemProgram('bwrap'), ...bwrapArgs(mounts), '--', file, ...args];
  // The shell joins the cgroup before bwrap starts, so no process of the command is ever outside it.
  const inner = cgroup ? [systemProgram('sh'), '-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', cgroup, ...bwrap] : bwrap;
  return {
    file: systemProgram('prlimit'),
    args: [...limits, '--', ...inner],
    sandboxed: true,
    limitHit: (exitCode, signal, output) => (cgroup && exitCode !== 0 && pidsLimitReached(cgroup) ? `process limit (${settings.maxProcesses}, sandbox.maxProcesses)` : limitFromOutput(exitCode, signal, output)),
    dispose: () => {
      if (cgroup) disposeCgroup(cgroup);
    },
  };
}

/** bwrap reports a command it could not start with exit 1 and this message. */
export function sandboxSpawnError(exitCode: number | undefined, output: string): string | undefined {
  if (exitCode !== 1 && exitCode !== 126 && exitCode !== 127) return undefined;
  const m = /^bwrap: execvp (.+)$/m.exec(output);
  return m ? m[1] : undefined;
}
