/**
 * The gate judges with the base commit's rules. A verifier that runs a package.json script
 * through the package manager (`npm run test`, and its `pre*` script) would read the script from
 * the changed package.json when it runs, so a change could turn `"test": "jest"` into
 * `"test": "true"`. pinScriptCommands() reads the scripts once, from the untouched tree, and
 * turns every such command into `sh -c <the script's text>` (run with the repository's PATH, as
 * every verifier is). Scripts that plainly call a tool are already pinned by detection: they run
 * as that tool with the arguments read at detection.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SetupCommand, Verifier } from './detect.js';

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn']);

function readScripts(dir: string): Record<string, string> {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: unknown };
    if (typeof pkg.scripts !== 'object' || pkg.scripts === null) return {};
    return Object.fromEntries(Object.entries(pkg.scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The script name of a `<npm|pnpm|yarn> [flags] run [flags] <name>` command. */
export function scriptName(command: Pick<SetupCommand, 'bin' | 'args'>): string | undefined {
  if (!PACKAGE_MANAGERS.has(command.bin)) return undefined;
  const at = command.args.indexOf('run');
  if (at === -1) return undefined;
  return command.args.slice(at + 1).find((a) => !a.startsWith('-'));
}

function pin<T extends Pick<SetupCommand, 'bin' | 'args'>>(command: T, scripts: Record<string, string>): T {
  const name = scriptName(command);
  const text = name === undefined ? undefined : scripts[name];
  return text === undefined ? command : { ...command, bin: 'sh', args: ['-c', text] };
}

/** Verifiers whose package-manager scripts (and `pre*` scripts) run as their text in `dir` now. */
export function pinScriptCommands(dir: string, verifiers: ReadonlyArray<Verifier>): Verifier[] {
  const scripts = readScripts(dir);
  return verifiers.map((v) => {
    const main = v.tool === 'npm-script' ? pin(v, scripts) : v;
    return v.before ? { ...main, before: v.before.map((b) => pin(b, scripts)) } : main;
  });
}
