/**
 * Where the model may read and write. The model's output is untrusted: a path must be
 * repository-relative, stay inside the workspace after resolving symlinks, never touch
 * `.git/`, and — for writes — match the migration's scope globs. A refusal is a reason
 * string that is fed back to the model; nothing is written.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export interface Scope {
  include: string[];
  exclude: string[];
}

export type SafePath = { ok: true; abs: string; rel: string } | { ok: false; reason: string; outOfScope?: true };

/** Files the model may never write, even when the scope globs match them. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', 'node_modules/**'];

export function createScopeMatcher(scope: Scope): (rel: string) => boolean {
  const include = picomatch(scope.include.length ? scope.include : ['**/*'], { dot: true });
  const exclude = picomatch([...scope.exclude, ...ALWAYS_EXCLUDED], { dot: true });
  return (rel) => include(rel) && !exclude(rel);
}

/** The deepest existing ancestor's real path (so that a symlinked parent cannot escape). */
function realExistingAncestor(abs: string): string {
  let current = abs;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return realpathSync(current);
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Checks a model-supplied path. `write` also requires the scope globs to match and refuses
 * writing through a symlink.
 */
export function checkPath(root: string, input: unknown, options: { write: boolean; scope?: Scope }): SafePath {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, reason: 'path must be a non-empty string' };
  const raw = input.trim();
  if (raw.includes('\0')) return { ok: false, reason: 'path contains a NUL byte' };
  if (path.isAbsolute(raw) || path.win32.isAbsolute(raw) || /^[A-Za-z]:/.test(raw) || raw.startsWith('~')) {
    return { ok: false, reason: `"${raw}" is absolute; use a path relative to the repository root` };
  }
  const segments = raw.split(/[\\/]+/);
  if (segments.includes('..')) return { ok: false, reason: `"${raw}" leaves the repository ("..")` };
  if (segments.some((s) => s.toLowerCase() === '.git')) return { ok: false, reason: `"${raw}" is inside .git/, which is never edited` };
  const rel = path.posix.normalize(segments.filter((s) => s !== '' && s !== '.').join('/'));
  if (rel === '.' || rel === '') return { ok: false, reason: 'path names the repository root, not a file' };

  const realRoot = realpathSync(root);
  const abs = path.join(realRoot, rel);
  if (!isInside(realRoot, abs)) return { ok: false, reason: `"${raw}" is outside the repository` };
  const realParent = realExistingAncestor(path.dirname(abs));
  if (!isInside(realRoot, realParent)) return { ok: false, reason: `"${raw}" resolves outside the repository (through a symlink)` };
  let isLink = false;
  try {
    isLink = lstatSync(abs).isSymbolicLink();
  } catch {
    // does not exist yet
  }
  if (isLink) {
    const target = safeRealpath(abs);
    if (options.write) return { ok: false, reason: `"${raw}" is a symbolic link; edits through symlinks are refused` };
    if (!target || !isInside(realRoot, target)) return { ok: false, reason: `"${raw}" is a symbolic link that points outside the repository` };
  }
  if (options.write && options.scope && !createScopeMatcher(options.scope)(rel)) {
    return {
      ok: false,
      outOfScope: true,
      reason: `"${rel}" is outside this migration's scope (include: ${options.scope.include.join(', ')}${options.scope.exclude.length ? `; exclude: ${options.scope.exclude.join(', ')}` : ''})`,
    };
  }
  return { ok: true, abs, rel };
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}
