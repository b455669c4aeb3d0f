/**
 * The package-manager commands godwit runs, as data: which executable, which arguments and
 * which environment, per manager and step. Nothing here spawns anything; install.ts (and the
 * sandbox) decide how a command executes. pnpm and yarn run through corepack at the version
 * the repository pins, with corepack's cache under godwit's package cache — never a global
 * install, never a prompt, never a rewrite of the repository's package.json.
 */
import path from 'node:path';
import type { DetectedPackageManager, PackageManager } from './package-manager.js';
import { cacheDir } from './workspace.js';

/**
 * install: download and link from the lockfile; lockfile: rewrite the lockfile from package.json;
 * update: both at once (after a package.json change, on an installed tree); rebuild: lifecycle
 * scripts of installed packages.
 */
export type PackageManagerStep = 'install' | 'lockfile' | 'update' | 'rebuild';

export interface PackageManagerCommand {
  /** `npm` or `corepack`. */
  file: string;
  args: string[];
  /** Added to the command's (scrubbed) environment; never holds a secret. */
  env: Record<string, string>;
  /** True for steps that download (the only ones that need the network). */
  network: boolean;
  /** Shell-like display form, e.g. `pnpm install --frozen-lockfile`. */
  display: string;
}

export interface PackageManagerCommandOptions {
  /** godwit's workdir: caches live in `<workdir>/cache/<manager>`. */
  workdir: string;
  ignoreScripts: boolean;
  /** npm only: resolve peer dependencies the npm 6 way (after an ERESOLVE). */
  legacyPeerDeps?: boolean | undefined;
  /** Registry corepack downloads pnpm/yarn from (default the public npm registry). */
  registry?: string;
  /** Check the npm signatures of the pnpm/yarn tarballs corepack downloads (mirrors often lack them). */
  verifySignatures?: boolean;
}

/** The file berry reads instead of `.yarnrc.yml` (written by src/workspace/yarnrc-copy.ts). */
export const BERRY_RC_COPY = '.godwit-yarnrc.yml';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org';

/** corepack's switches: its cache in godwit's, no prompt, no auto-pin, no `.corepack.env` from the repository. */
export function corepackEnv(options: Pick<PackageManagerCommandOptions, 'workdir' | 'registry' | 'verifySignatures'>): Record<string, string> {
  return {
    COREPACK_HOME: cacheDir(options.workdir, 'corepack'),
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_ENABLE_AUTO_PIN: '0',
    COREPACK_DEFAULT_TO_LATEST: '0',
    // A repository's `.corepack.env` could point corepack at another registry: never read it.
    COREPACK_ENV_FILE: '0',
    COREPACK_NPM_REGISTRY: (options.registry ?? DEFAULT_REGISTRY).replace(/\/+$/, ''),
    ...(options.verifySignatures === false ? { COREPACK_INTEGRITY_KEYS: '0' } : {}),
  };
}

/** Arguments that put a pnpm/yarn command behind corepack at the repository's version. */
function viaCorepack(pm: DetectedPackageManager): string[] {
  // With a packageManager field, `corepack pnpm` reads it (and checks its hash); otherwise pin the major.
  return [pm.source === 'packageManager' || !pm.version ? pm.manager : pm.version.replace(/\+.*$/, '')];
}

function stepArgs(pm: DetectedPackageManager, step: PackageManagerStep, options: PackageManagerCommandOptions): string[] {
  const cache = cacheDir(options.workdir, pm.manager);
  const scripts = options.ignoreScripts ? ['--ignore-scripts'] : [];
  switch (pm.manager) {
    case 'npm': {
      const common = ['--no-audit', '--no-fund', '--prefer-offline', '--cache', cache, '--loglevel', 'error', ...(options.legacyPeerDeps ? ['--legacy-peer-deps'] : [])];
      if (step === 'lockfile') return ['install', '--package-lock-only', '--ignore-scripts', ...common];
      if (step === 'update') return ['install', ...scripts, ...common];
      if (step === 'rebuild') return ['rebuild', '--cache', cache];
      // Without a lockfile, install without writing one: the change must not gain a lockfile by accident.
      return [...(pm.lockfile ? ['ci'] : ['install', '--no-package-lock']), ...scripts, ...common];
    }
    case 'pnpm': {
      const store = ['--store-dir', cache];
      // .pnpmfile.cjs is the repository's code: never run while downloading (the step with the network).
      if (step === 'lockfile') return ['install', '--lockfile-only', '--ignore-scripts', '--ignore-pnpmfile', ...store];
      if (step === 'update') return ['install', '--no-frozen-lockfile', ...scripts, '--ignore-pnpmfile', '--prefer-offline', ...store];
      if (step === 'rebuild') return ['rebuild', ...store];
      return ['install', ...(pm.lockfile ? ['--frozen-lockfile'] : ['--config.lockfile=false']), ...scripts, '--ignore-pnpmfile', '--prefer-offline', ...store];
    }
    case 'yarn': {
      if (pm.flavor === 'berry') {
        if (step === 'lockfile') return ['install', '--mode=update-lockfile'];
        if (step === 'update') return ['install', ...(options.ignoreScripts ? ['--mode=skip-build'] : [])];
        if (step === 'rebuild') return ['rebuild'];
        return ['install', ...(pm.lockfile ? ['--immutable'] : []), ...(options.ignoreScripts ? ['--mode=skip-build'] : [])];
      }
      const common = ['--cache-folder', cache, '--non-interactive'];
      // yarn classic has no lockfile-only mode: it installs and writes yarn.lock.
      if (step === 'lockfile') return ['install', '--ignore-scripts', ...common];
      if (step === 'update') return ['install', ...scripts, ...common];
      return ['install', ...(pm.lockfile ? ['--frozen-lockfile'] : ['--no-lockfile']), ...scripts, ...common];
    }
  }
}

function stepEnv(pm: DetectedPackageManager, options: PackageManagerCommandOptions): Record<string, string> {
  if (pm.manager === 'npm') return {};
  const env = corepackEnv(options);
  // A `yarn-path` in the repository's .yarnrc is the repository's code: run corepack's yarn instead.
  if (pm.manager === 'yarn' && pm.flavor !== 'berry') Object.assign(env, { YARN_IGNORE_PATH: '1' });
  if (pm.manager === 'yarn' && pm.flavor === 'berry') {
    Object.assign(env, {
      YARN_CACHE_FOLDER: cacheDir(options.workdir, 'yarn-berry'),
      YARN_ENABLE_GLOBAL_CACHE: 'false',
      YARN_ENABLE_TELEMETRY: '0',
      YARN_ENABLE_PROGRESS_BARS: 'false',
      // A committed `yarnPath` release is the repository's code: run corepack's pinned yarn instead.
      YARN_IGNORE_PATH: '1',
      // Plugins listed in .yarnrc.yml are the repository's code: berry reads a copy without them.
      YARN_RC_FILENAME: BERRY_RC_COPY,
    });
  }
  return env;
}

/** The command for one step of one package manager. */
export function packageManagerCommand(pm: DetectedPackageManager, step: PackageManagerStep, options: PackageManagerCommandOptions): PackageManagerCommand {
  const args = stepArgs(pm, step, options);
  const display = [pm.manager, ...args.filter((a, i) => !isCacheArg(args, i))].join(' ');
  if (pm.manager === 'npm') return { file: 'npm', args, env: {}, network: step !== 'rebuild', display };
  if (pm.manager === 'yarn' && pm.flavor !== 'berry' && step === 'rebuild') {
    // yarn classic has no rebuild: `install --force` refetches into the cache, which the offline
    // step may not write. Its node_modules is a plain npm layout, so npm runs the scripts.
    return { file: 'npm', args: ['rebuild', '--cache', cacheDir(options.workdir, 'npm')], env: {}, network: false, display: 'npm rebuild' };
  }
  return { file: 'corepack', args: [...viaCorepack(pm), ...args], env: stepEnv(pm, options), network: step !== 'rebuild', display };
}

/** Cache folders are godwit's business; the display form leaves them out. */
function isCacheArg(args: ReadonlyArray<string>, i: number): boolean {
  const flags = ['--cache', '--store-dir', '--cache-folder'];
  return flags.includes(args[i]!) || (i > 0 && flags.includes(args[i - 1]!));
}

/** How a package.json script runs with this manager (`npm run --silent lint`, `pnpm run lint`, `yarn run lint`). */
export function runScriptCommand(pm: DetectedPackageManager | undefined, script: string, options: PackageManagerCommandOptions): PackageManagerCommand {
  if (!pm || pm.manager === 'npm') return { file: 'npm', args: ['run', '--silent', script], env: {}, network: false, display: `npm run ${script}` };
  const args = pm.manager === 'pnpm' ? ['run', '--silent', script] : ['run', script];
  return { file: 'corepack', args: [...viaCorepack(pm), ...args], env: stepEnv(pm, options), network: false, display: `${pm.manager} run ${script}` };
}

/** The folder with `pnpm`/`yarn` shims that go through corepack (scripts that call `pnpm build` find it). */
export function corepackShimDir(workdir: string): string {
  return path.join(cacheDir(workdir, 'corepack'), 'bin');
}

export type { PackageManager };
