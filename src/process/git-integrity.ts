/**
 * `.git/config` and `.git/hooks` of a clone must stay byte-identical to what godwit cloned:
 * they are where a repository command would plant code for godwit's own git to run (a hook, an
 * fsmonitor, a clean/smudge filter, a pager…). The sandbox mounts `.git` read-only; this check is
 * the second line, and the only one when the sandbox is turned off. `protectGitDir` records the
 * state after the clone; the git runner checks it before every call in that clone, and the
 * pipeline checks it after every stage that ran repository code.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../errors.js';

const protectedDirs = new Map<string, string>();

function keyOf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function hashEntry(hash: ReturnType<typeof createHash>, file: string, rel: string): void {
  let st;
  try {
    st = lstatSync(file);
  } catch {
    hash.update(`missing ${rel}\0`);
    return;
  }
  hash.update(`${rel}\0${st.mode}\0`);
  if (st.isSymbolicLink()) hash.update(`link ${readlinkSync(file)}\0`);
  else if (st.isFile()) hash.update(readFileSync(file));
  else if (st.isDirectory()) {
    for (const name of readdirSync(file).sort()) hashEntry(hash, path.join(file, name), `${rel}/${name}`);
  }
}

/** A fingerprint of `.git/config`, everything under `.git/hooks` and `.git/info/attributes` (names, modes, bytes, link targets). */
export function gitControlFingerprint(repoDir: string): string {
  const gitDir = path.join(repoDir, '.git');
  const hash = createHash('sha256');
  hashEntry(hash, path.join(gitDir, 'config'), 'config');
  hashEntry(hash, path.join(gitDir, 'hooks'), 'hooks');
  hashEntry(hash, path.join(gitDir, 'info', 'attributes'), 'info/attributes');
  return hash.digest('hex');
}

/** Records the clone's current `.git/config` and `.git/hooks`; later git calls in it verify them. */
export function protectGitDir(repoDir: string): void {
  protectedDirs.set(keyOf(repoDir), gitControlFingerprint(repoDir));
}

/** Forgets a clone (its folder is being removed). */
export function releaseGitDir(repoDir: string): void {
  protectedDirs.delete(keyOf(repoDir));
}

/** Throws `sandbox-violation` when a protected clone's `.git/config` or `.git/hooks` changed. */
export function assertGitDirIntact(dir: string): void {
  if (protectedDirs.size === 0 || !existsSync(dir)) return;
  const key = keyOf(dir);
  const expected = protectedDirs.get(key);
  if (expected === undefined) return;
  if (gitControlFingerprint(key) === expected) return;
  throw new GodwitError(
    'sandbox-violation',
    `.git/config or .git/hooks of ${dir} changed after the clone: a command run from the repository wrote into .git (a hook, a filter or an fsmonitor for godwit's own git to run). Nothing more is run or pushed for this repository.`,
    'Inspect the repository\'s install scripts, tests and build for code that writes into .git. Do not turn the sandbox off (GODWIT_SANDBOX=off) for untrusted repositories.',
  );
}
