/**
 * Which package manager, and which version of it, a repository uses: its `packageManager`
 * field first (what corepack honours), else its lockfile, else npm. pnpm and yarn always run
 * through corepack at that version, never a global install.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';

export interface DetectedPackageManager {
  manager: PackageManager;
  /** The lockfile's name, or undefined when the repository has none. */
  lockfile: string | undefined;
  /**
   * What corepack runs: `pnpm@9.15.0` (exact, from `packageManager`) or a major range derived
   * from the lockfile (`pnpm@9`, `yarn@1`). Undefined for npm (Node's own npm runs).
   */
  version?: string;
  /** yarn only: classic (1.x, `--frozen-lockfile`) or berry (2+, `--immutable`). */
  flavor?: 'classic' | 'berry';
  /** Where the choice came from. */
  source?: 'packageManager' | 'lockfile' | 'default';
}

const LOCKFILES: ReadonlyArray<[string, PackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** `pnpm@9.15.0` or `yarn@4.5.3+sha512.…`: what corepack accepts in `packageManager`. */
const PACKAGE_MANAGER_FIELD = /^(npm|pnpm|yarn)@(\d+)\.\d+\.\d+(?:-[\w.]+)?(?:\+[\w.-]+)?$/;

function readPackageManagerField(dir: string): { manager: PackageManager; spec: string; major: number } | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { packageManager?: unknown };
    if (typeof pkg.packageManager !== 'string') return undefined;
    const m = PACKAGE_MANAGER_FIELD.exec(pkg.packageManager.trim());
    return m ? { manager: m[1] as PackageManager, spec: pkg.packageManager.trim(), major: Number(m[2]) } : undefined;
  } catch {
    return undefined;
  }
}

function head(file: string, bytes = 2048): string {
  try {
    return readFileSync(file, 'utf8').slice(0, bytes);
  } catch {
    return '';
  }
}

/** pnpm major that writes this lockfile format (lockfileVersion 9.0 → pnpm 9, 6.x → 8, 5.x → 7). */
function pnpmMajorOf(lockfile: string): number {
  const m = /^lockfileVersion:\s*['"]?(\d+)(?:\.(\d+))?/m.exec(head(lockfile));
  const major = m ? Number(m[1]) : 9;
  if (major >= 9) return 9;
  if (major >= 6) return 8;
  return 7;
}

/** yarn.lock v1 is classic's; a `__metadata:` block is berry's. */
function yarnFlavorOf(lockfile: string): 'classic' | 'berry' {
  return /^__metadata:/m.test(head(lockfile)) ? 'berry' : 'classic';
}

/** undefined when there is no package.json (nothing to install). */
export function detectPackageManager(dir: string): DetectedPackageManager | undefined {
  if (!existsSync(path.join(dir, 'package.json'))) {
    const lock = LOCKFILES.find(([file]) => existsSync(path.join(dir, file)));
    return lock ? { manager: lock[1], lockfile: lock[0], source: 'lockfile' } : undefined;
  }
  const field = readPackageManagerField(dir);
  if (field) {
    const lockfile = LOCKFILES.find(([file, manager]) => manager === field.manager && existsSync(path.join(dir, file)))?.[0];
    const detected: DetectedPackageManager = { manager: field.manager, lockfile, source: 'packageManager' };
    if (field.manager !== 'npm') detected.version = field.spec;
    if (field.manager === 'yarn') detected.flavor = field.major >= 2 ? 'berry' : 'classic';
    return detected;
  }
  for (const [file, manager] of LOCKFILES) {
    const abs = path.join(dir, file);
    if (!existsSync(abs)) continue;
    if (manager === 'pnpm') return { manager, lockfile: file, version: `pnpm@${pnpmMajorOf(abs)}`, source: 'lockfile' };
    if (manager === 'yarn') {
      const flavor = yarnFlavorOf(abs);
      return { manager, lockfile: file, version: flavor === 'classic' ? 'yarn@1' : 'yarn@4', flavor, source: 'lockfile' };
    }
    return { manager, lockfile: file, source: 'lockfile' };
  }
  return { manager: 'npm', lockfile: undefined, source: 'default' };
}

/** `pnpm 9.15.0 (packageManager)` — for logs and the report. */
export function describePackageManager(pm: DetectedPackageManager): string {
  const version = pm.version ? pm.version.replace(/\+.*$/, '').replace(/^[a-z]+@/, '') : undefined;
  return `${pm.manager}${version ? ` ${version}` : ''}${pm.source ? ` (from ${pm.source === 'default' ? 'no lockfile' : pm.source})` : ''}`;
}
