/**
 * vitest globalSetup: tests that start the real CLI (`node bin/godwit.js …`) run the compiled
 * package, so dist/ is (re)built before the suite when a source is newer than the last build.
 * Type errors do not stop the tests (`npm run typecheck` reports them); a failed emit does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = path.join(ROOT, 'dist/.tsbuildinfo');
const ENTRY = path.join(ROOT, 'dist/src/cli/main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(STAMP) || !existsSync(ENTRY)) return true;
  const built = statSync(STAMP).mtimeMs;
  const inputs = [path.join(ROOT, 'src'), path.join(ROOT, 'migrations-catalog')].map(newestMtime);
  return Math.max(...inputs, statSync(path.join(ROOT, 'package.json')).mtimeMs) > built;
}

export default function setup(): void {
  if (!isStale()) return;
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    if (!existsSync(ENTRY)) throw error;
    process.stderr.write(`build-dist: tsc reported errors, testing what it emitted:\n${String((error as { stdout?: Buffer }).stdout ?? '')}\n`);
  }
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/copy-assets.mjs')], { cwd: ROOT, stdio: 'inherit' });
  // tsc leaves the stamp alone when nothing needed emitting; mark this build as current.
  const now = new Date();
  if (existsSync(STAMP)) utimesSync(STAMP, now, now);
}
