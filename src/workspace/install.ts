/**
 * Installs dependencies from the lockfile with the repository's own package manager:
 * lockfile-driven, `--ignore-scripts` by default, one shared cache per worker.
 */
import { GodwitError } from '../errors.js';
import { runCommand, type CommandResult } from '../verify/subprocess.js';
import type { DetectedPackageManager, PackageManager } from './package-manager.js';
import { cacheDir } from './workspace.js';

export interface InstallOptions {
  /** godwit's workdir: the cache lives in `<workdir>/cache/<manager>`. */
  workdir: string;
  ignoreScripts: boolean;
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
}

export function installCommand(pm: DetectedPackageManager, options: Pick<InstallOptions, 'workdir' | 'ignoreScripts'>): [string, string[]] {
  const cache = cacheDir(options.workdir, pm.manager);
  const scripts = options.ignoreScripts ? ['--ignore-scripts'] : [];
  switch (pm.manager) {
    case 'npm':
      return [
        'npm',
        // Without a lockfile, install without writing one: the change must not gain a lockfile by accident.
        [...(pm.lockfile ? ['ci'] : ['install', '--no-package-lock']), ...scripts, '--no-audit', '--no-fund', '--prefer-offline', '--cache', cache, '--loglevel', 'error'],
      ];
    case 'pnpm':
      return ['pnpm', ['install', ...(pm.lockfile ? ['--frozen-lockfile'] : ['--config.lockfile=false']), ...scripts, '--prefer-offline', '--store-dir', cache]];
    case 'yarn':
      return ['yarn', ['install', ...(pm.lockfile ? ['--frozen-lockfile'] : ['--no-lockfile']), ...scripts, '--cache-folder', cache, '--non-interactive']];
  }
}

/** The command that rewrites the lockfile from package.json without installing. */
export function lockfileCommand(manager: PackageManager, options: Pick<InstallOptions, 'workdir'>): [string, string[]] {
  const cache = cacheDir(options.workdir, manager);
  switch (manager) {
    case 'npm':
      return ['npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--cache', cache, '--loglevel', 'error']];
    case 'pnpm':
      return ['pnpm', ['install', '--lockfile-only', '--ignore-scripts', '--store-dir', cache]];
    case 'yarn':
      return ['yarn', ['install', '--ignore-scripts', '--cache-folder', cache, '--non-interactive']];
  }
}

function failure(what: string, run: CommandResult, timeoutMs: number): GodwitError {
  const why = run.timedOut ? `timed out after ${timeoutMs} ms` : run.spawnError ? `could not start: ${run.spawnError}` : `exited with ${run.exitCode}`;
  const tail = run.tail.trim().split('\n').slice(-15).join('\n');
  return new GodwitError(
    'install-failed',
    `${what} (${run.command}) ${why}${tail ? `:\n${tail}` : ''}`,
    'Check that the lockfile matches package.json and that the registry is reachable; run with --no-install to skip installing.',
  );
}

export async function installDependencies(dir: string, pm: DetectedPackageManager, options: InstallOptions): Promise<CommandResult> {
  const [bin, args] = installCommand(pm, options);
  const run = await runCommand(bin, args, { cwd: dir, timeoutMs: options.timeoutMs, maxOutputBytes: options.maxOutputBytes, signal: options.signal });
  if (run.cancelled) return run;
  if (run.exitCode !== 0) throw failure('Installing dependencies', run, options.timeoutMs);
  return run;
}

export async function regenerateLockfile(dir: string, manager: PackageManager, options: InstallOptions): Promise<CommandResult> {
  const [bin, args] = lockfileCommand(manager, options);
  const run = await runCommand(bin, args, { cwd: dir, timeoutMs: options.timeoutMs, maxOutputBytes: options.maxOutputBytes, signal: options.signal });
  if (run.cancelled) return run;
  if (run.exitCode !== 0) throw failure('Updating the lockfile', run, options.timeoutMs);
  return run;
}
