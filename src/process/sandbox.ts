/**
 * Untrusted commands (installs, verifiers) run in their own PID namespace, with a /proc of
 * their own, when the machine allows it (Linux, util-linux `unshare`, root or unprivileged user
 * namespaces). Two things follow that a process group cannot give:
 * - the command cannot see godwit's processes, so it cannot read the tokens godwit was started
 *   with from /proc/<godwit's pid>/environ;
 * - when the namespace's first process dies (killed at the timeout), the kernel kills every
 *   process in the namespace — also those that left the process group with setsid.
 * Probed once per process; `GODWIT_SANDBOX=off` turns it off. Without it, commands still get a
 * scrubbed environment and a process-group kill (see subprocess.ts).
 */
import { execFileSync } from 'node:child_process';

const NAMESPACE_FLAGS = ['--pid', '--fork', '--mount-proc', '--kill-child'];
const USER_NAMESPACE_FLAGS = ['--user', '--map-root-user', ...NAMESPACE_FLAGS];

let probed: ReadonlyArray<string> | null | undefined;

function works(flags: ReadonlyArray<string>): boolean {
  try {
    execFileSync('unshare', [...flags, 'true'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** The `unshare` arguments to put before a command, or null when no sandbox is available. */
export function sandboxFlags(env: NodeJS.ProcessEnv = process.env): ReadonlyArray<string> | null {
  if (probed !== undefined) return probed;
  probed = null;
  if (env.GODWIT_SANDBOX === 'off' || process.platform !== 'linux') return probed;
  const candidates = process.getuid?.() === 0 ? [NAMESPACE_FLAGS, USER_NAMESPACE_FLAGS] : [USER_NAMESPACE_FLAGS];
  probed = candidates.find(works) ?? null;
  return probed;
}

/** `file args` wrapped in the sandbox when there is one. */
export function sandboxed(file: string, args: ReadonlyArray<string>): { file: string; args: string[]; sandboxed: boolean } {
  const flags = sandboxFlags();
  return flags ? { file: 'unshare', args: [...flags, '--', file, ...args], sandboxed: true } : { file, args: [...args], sandboxed: false };
}

/** util-linux reports a command it could not start with exit 126/127 and this message. */
export function sandboxSpawnError(exitCode: number | undefined, output: string): string | undefined {
  if (exitCode !== 126 && exitCode !== 127) return undefined;
  const m = /^unshare: failed to execute (.+)$/m.exec(output);
  return m ? m[1] : undefined;
}
