/**
 * Installs dependencies from the lockfile with the repository's own package manager (npm, or
 * pnpm/yarn through corepack): lockfile-driven, one shared cache per worker. Two steps, both in
 * the sandbox (src/process/sandbox.ts):
 * 1. download and link with scripts off — the only step with the network and the only one that
 *    may write the package cache; it runs no code from the repository or its dependencies;
 * 2. only when `install.ignoreScripts` is false: the lifecycle scripts (`npm rebuild`,
 *    `pnpm rebuild`, …), with no network and the cache read-only — skipped for npm when its
 *    lockfile lists no package with an install script and the root has none.
 * npm's ERESOLVE (peer-dependency conflicts) gets one retry with `--legacy-peer-deps`; the
 * result says so, and the report records it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../errors.js';
import { repositoryPath, runCommand, type CommandResult } from '../process/index.js';
import { describePackageManager, detectPackageManager, type DetectedPackageManager, type PackageManager } from './package-manager.js';
import { BERRY_RC_COPY, corepackEnv, corepackShimDir, packageManagerCommand, type PackageManagerCommand, type PackageManagerStep } from './pm-commands.js';
import { writeBerryRcCopy } from './yarnrc-copy.js';

export interface InstallOptions {
  /** godwit's workdir: the caches live in `<workdir>/cache/<manager>`. */
  workdir: string;
  ignoreScripts: boolean;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Registry corepack downloads pnpm/yarn from. */
  registry?: string;
  /** Check npm signatures of the pnpm/yarn tarballs corepack downloads. */
  verifySignatures?: boolean;
  signal?: AbortSignal;
}

export interface InstallResult extends CommandResult {
  /** `pnpm 9.15.0 (from packageManager)`. */
  packageManager: string;
  /** The command as run, e.g. `pnpm install --frozen-lockfile --ignore-scripts`. */
  display: string;
  /** npm hit ERESOLVE and the retry with `--legacy-peer-deps` succeeded. */
  legacyPeerDeps: boolean;
}

/** `[file, args]` of the install step (kept for callers that only need the command line). */
export function installCommand(pm: DetectedPackageManager, options: Pick<InstallOptions, 'workdir' | 'ignoreScripts'>): [string, string[]] {
  const c = packageManagerCommand(pm, 'install', options);
  return [c.file, c.args];
}

/** The command that rewrites the lockfile from package.json without installing. */
export function lockfileCommand(manager: PackageManager | DetectedPackageManager, options: Pick<InstallOptions, 'workdir'>): [string, string[]] {
  const pm = typeof manager === 'string' ? { manager, lockfile: undefined } : manager;
  const c = packageManagerCommand(pm, 'lockfile', { ...options, ignoreScripts: true });
  return [c.file, c.args];
}

let shimsReady: string | undefined;

/** `pnpm`/`yarn` shims through corepack under godwit's cache, made once per process (none when corepack is missing). */
export function ensureCorepackShims(workdir: string): string | undefined {
  const dir = corepackShimDir(workdir);
  if (shimsReady === dir) return dir;
  // `corepack enable --install-directory` needs the folder to exist; the shim, not the folder, says it ran.
  if (!existsSync(path.join(dir, 'pnpm'))) {
    try {
      mkdirSync(dir, { recursive: true });
      execFileSync('corepack', ['enable', '--install-directory', dir, 'pnpm', 'yarn'], { stdio: 'ignore', timeout: 30_000, env: { ...process.env, ...corepackEnv({ workdir }) } });
    } catch {
      return undefined;
    }
  }
  shimsReady = dir;
  return dir;
}

function hintFor(command: PackageManagerCommand, run: CommandResult, pm: DetectedPackageManager): string {
  const out = run.tail;
  if (run.spawnError && command.file === 'corepack') {
    return 'corepack is missing: it ships with Node.js 16.9–24 (`corepack --version`); on newer Node install it with `npm install -g corepack`.';
  }
  if (/No compatible signature found|signature/i.test(out) && command.file === 'corepack') {
    return 'The registry serves pnpm/yarn without npm signatures (a mirror?): set install.verifyPackageManagerSignatures to false in godwit.config.json.';
  }
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|fetch failed|network/i.test(out)) {
    return `The package registry is unreachable from this machine: check the network, or point install.registry (corepack) and the repository's .npmrc at a reachable mirror, then retry.`;
  }
  if (/ERESOLVE/.test(out)) {
    return 'The repository\'s dependencies have a peer-dependency conflict even with --legacy-peer-deps: fix the ranges in package.json and commit a lockfile made by `npm install`.';
  }
  if (/in sync|ERR_PNPM_OUTDATED_LOCKFILE|lockfile needs to be updated|YN0028|frozen-lockfile|--immutable/i.test(out)) {
    return `The repository's ${pm.lockfile ?? 'lockfile'} does not match its package.json: run \`${pm.manager} install\` in the repository and commit the lockfile, then run godwit again.`;
  }
  return `Reproduce it in a fresh clone of the repository with \`${command.display}\`; godwit cannot verify a repository whose dependencies do not install.`;
}

/**
 * The tool's own last lines, without what says nothing about this failure: npm follows a usage
 * error (`npm ci` out of sync with package.json: the "Missing: … from lock file" lines) with the
 * command's whole usage text, and every error with the path of its debug log.
 */
export function lastLines(output: string, count: number): string {
  const lines = output.trim().split('\n');
  const usage = lines.findIndex((l) => /^npm (?:error|ERR!) Usage:\s*$/.test(l));
  if (usage !== -1) {
    const end = lines.findIndex((l, i) => i > usage && /^npm (?:error|ERR!) Run "npm help [\w-]+" for more info/.test(l));
    // The usage block starts with the command's one-line description and a blank line.
    const start = Math.max(0, usage - 2);
    lines.splice(start, (end === -1 ? lines.length : end + 1) - start);
  }
  const kept = lines.filter((l) => !/^npm (?:error|ERR!) (?:A complete log of this run can be found in|\s*\/.*_logs\/.*debug.*\.log\s*$)/.test(l));
  while (kept.length && /^(?:npm (?:error|ERR!))?\s*$/.test(kept.at(-1)!)) kept.pop();
  return kept.slice(-count).join('\n');
}

function failure(what: string, command: PackageManagerCommand, run: CommandResult, pm: DetectedPackageManager, timeoutMs: number): GodwitError {
  const why = run.timedOut ? `timed out after ${timeoutMs} ms` : run.spawnError ? `could not start: ${run.spawnError}` : `exited with ${run.exitCode}`;
  // The whole output when it was kept (npm's usage text alone can outgrow the tail).
  const tail = lastLines(run.output && !run.truncated ? run.output : run.tail, 15);
  return new GodwitError('install-failed', `${what} (${command.display}) ${why}${tail ? `:\n${tail}` : ''}`, hintFor(command, run, pm));
}

/**
 * An operator's extra CA bundle (a TLS-inspecting proxy, a private registry): every package
 * manager's TLS is Node's, which reads NODE_EXTRA_CA_CERTS; berry reads no npm `cafile`.
 */
function extraCaCerts(): Record<string, string> {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  return file ? { NODE_EXTRA_CA_CERTS: file } : {};
}

function caFiles(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  return file ? [file] : [];
}

async function runStep(dir: string, pm: DetectedPackageManager, step: PackageManagerStep, options: InstallOptions, legacyPeerDeps: boolean): Promise<[PackageManagerCommand, CommandResult]> {
  // Downloads never run scripts: lifecycle scripts are the separate, offline rebuild step.
  const command = packageManagerCommand(pm, step, { ...options, ignoreScripts: step === 'rebuild' ? options.ignoreScripts : true, legacyPeerDeps });
  const shims = ensureCorepackShims(options.workdir);
  const cache = path.join(path.resolve(options.workdir), 'cache');
  const removeRcCopy = command.env.YARN_RC_FILENAME === BERRY_RC_COPY ? writeBerryRcCopy(dir) : undefined;
  try {
    const run = await runCommand(command.file, command.args, {
      cwd: dir,
      timeoutMs: options.timeoutMs,
      maxOutputBytes: options.maxOutputBytes,
      env: { ...command.env, ...extraCaCerts(), PATH: repositoryPath(dir, { ...(shims ? { shimDir: shims } : {}), repositoryBin: !command.network }) },
      signal: options.signal,
      // The network and a writable cache only for the download; lifecycle scripts get neither.
      sandbox: command.network ? { network: true, writable: [cache], readOnly: caFiles() } : { readOnly: [cache] },
    });
    return [command, run];
  } finally {
    removeRcCopy?.();
  }
}

/** Runs one step; npm's ERESOLVE gets one retry with --legacy-peer-deps. Throws install-failed. */
async function runWithRetry(dir: string, pm: DetectedPackageManager, step: PackageManagerStep, options: InstallOptions, what: string): Promise<InstallResult> {
  let [command, run] = await runStep(dir, pm, step, options, false);
  let legacyPeerDeps = false;
  if (!run.cancelled && run.exitCode !== 0 && pm.manager === 'npm' && /\bERESOLVE\b/.test(run.output + run.tail)) {
    [command, run] = await runStep(dir, pm, step, options, true);
    legacyPeerDeps = true;
  }
  const result: InstallResult = { ...run, packageManager: describePackageManager(pm), display: command.display, legacyPeerDeps };
  if (run.cancelled) return result;
  if (run.exitCode !== 0) throw failure(what, command, run, pm, options.timeoutMs);
  return result;
}

export async function installDependencies(dir: string, pm: DetectedPackageManager, options: InstallOptions): Promise<InstallResult> {
  return downloadThenRebuild(dir, pm, 'install', options, 'Installing dependencies');
}

/**
 * After a package.json change on an installed tree: rewrite the lockfile and install in one
 * download (what a developer's `npm install` does) instead of a lockfile-only run followed by a
 * clean install from the new lockfile; then the lifecycle scripts, as for an install.
 */
export async function updateDependencies(dir: string, pm: DetectedPackageManager, options: InstallOptions): Promise<InstallResult> {
  return downloadThenRebuild(dir, pm, 'update', options, 'Updating the lockfile and installing');
}

/** The root's own scripts an install runs (npm runs `prepare` on install too). */
const ROOT_INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/**
 * True when an npm lockfile (v2+, which marks every package with lifecycle scripts or a
 * binding.gyp as `hasInstallScript`) lists no package to build and the root package has no
 * install script of its own: `npm rebuild` would run nothing (and still walk the whole tree,
 * 2.5 s at load 20 for a 300-package tree). Anything unreadable or older says false.
 */
export function npmHasNothingToBuild(dir: string, pm: DetectedPackageManager): boolean {
  if (pm.manager !== 'npm' || (pm.lockfile !== 'package-lock.json' && pm.lockfile !== 'npm-shrinkwrap.json')) return false;
  try {
    const lock = JSON.parse(readFileSync(path.join(dir, pm.lockfile), 'utf8')) as { lockfileVersion?: number; packages?: Record<string, { hasInstallScript?: boolean }> };
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> };
    if (!lock.lockfileVersion || lock.lockfileVersion < 2 || !lock.packages) return false;
    if (ROOT_INSTALL_SCRIPTS.some((name) => pkg.scripts?.[name] !== undefined)) return false;
    return Object.values(lock.packages).every((entry) => entry.hasInstallScript !== true);
  } catch {
    return false;
  }
}

async function downloadThenRebuild(dir: string, pm: DetectedPackageManager, step: 'install' | 'update', options: InstallOptions, what: string): Promise<InstallResult> {
  const download = await runWithRetry(dir, pm, step, options, what);
  if (options.ignoreScripts || download.cancelled || npmHasNothingToBuild(dir, pm)) return download;
  const [command, run] = await runStep(dir, pm, 'rebuild', options, download.legacyPeerDeps);
  const result: InstallResult = { ...run, packageManager: download.packageManager, display: `${download.display} && ${command.display}`, legacyPeerDeps: download.legacyPeerDeps };
  if (run.cancelled) return result;
  if (run.exitCode !== 0) throw failure('Running the dependencies\' lifecycle scripts', command, run, pm, options.timeoutMs);
  return { ...result, durationMs: download.durationMs + run.durationMs, output: download.output + run.output };
}

/** Rewrites the lockfile from package.json with the repository's own manager (and version). */
export async function regenerateLockfile(dir: string, manager: PackageManager | DetectedPackageManager, options: InstallOptions): Promise<InstallResult> {
  const detected = detectPackageManager(dir);
  const pm = typeof manager !== 'string' ? manager : detected?.manager === manager ? detected : { manager, lockfile: undefined };
  return runWithRetry(dir, pm, 'lockfile', options, 'Updating the lockfile');
}
