/** Which package manager a repository uses, from its lockfile. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';

export interface DetectedPackageManager {
  manager: PackageManager;
  /** The lockfile's name, or undefined when the repository has none. */
  lockfile: string | undefined;
}

const LOCKFILES: ReadonlyArray<[string, PackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** undefined when there is no package.json (nothing to install). */
export function detectPackageManager(dir: string): DetectedPackageManager | undefined {
  for (const [file, manager] of LOCKFILES) {
    if (existsSync(path.join(dir, file))) return { manager, lockfile: file };
  }
  return existsSync(path.join(dir, 'package.json')) ? { manager: 'npm', lockfile: undefined } : undefined;
}
