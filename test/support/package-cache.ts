/**
 * A package cache (npm, pnpm store, yarn, corepack) shared by every test run on this machine:
 * `<workdir>/cache` becomes a symlink to a folder under the OS temp dir, so the registry is
 * asked once and later runs install from the cache.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SHARED_PACKAGE_CACHE = path.join(os.tmpdir(), 'godwit-test-package-cache');

export function useSharedPackageCache(workdir: string): string {
  mkdirSync(SHARED_PACKAGE_CACHE, { recursive: true });
  const link = path.join(workdir, 'cache');
  if (existsSync(link)) rmSync(link, { recursive: true, force: true });
  symlinkSync(SHARED_PACKAGE_CACHE, link, 'dir');
  return SHARED_PACKAGE_CACHE;
}
