/**
 * The change under review: a base commit against the working tree, untracked files included
 * (as additions), without touching the index. Guards and the judge read it.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { newFilePatch } from '../../diff/index.js';
import { GodwitError } from '../../errors.js';
import { readBlobs, runGit } from '../../process/index.js';
import type { GuardInput } from './types.js';

const MAX_UNTRACKED_BYTES = 1024 * 1024;

async function git(dir: string, args: string[]): Promise<string> {
  return (await runGit(dir, args, { keepTrailingNewline: true })).stdout;
}

/** Unified diff of `base` (default HEAD) against the working tree, plus untracked files. */
export async function workingTreeDiff(dir: string, base = 'HEAD'): Promise<string> {
  const tracked = await git(dir, ['diff', '--no-color', '--no-ext-diff', base, '--']);
  const untracked = (await git(dir, ['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean);
  const patches = untracked.map((rel) => {
    const abs = path.join(dir, rel);
    let text: string;
    try {
      text = statSync(abs).size > MAX_UNTRACKED_BYTES ? '(file too large to show)\n' : readFileSync(abs, 'utf8');
    } catch {
      return '';
    }
    return newFilePatch(rel, text);
  });
  return [tracked, ...patches]
    .filter((p) => p.trim())
    .map((p) => (p.endsWith('\n') ? p : `${p}\n`))
    .join('');
}

/** Content of a file at `base`, or undefined when it did not exist there. */
export async function readAtBase(dir: string, base: string, rel: string): Promise<string | undefined> {
  try {
    return await git(dir, ['show', `${base}:${rel}`]);
  } catch (error) {
    if (error instanceof GodwitError) throw error; // e.g. sandbox-violation
    return undefined;
  }
}

/** Base texts read ahead for one guard run (prefetchBaseTexts), by its input object. */
const prefetched = new WeakMap<object, Map<string, string | undefined>>();

/**
 * Reads the base texts of the changed files (the ones guards read) in one git process, for
 * `baseText(input, …)` calls with this same input object; other paths still read one by one.
 */
export async function prefetchBaseTexts(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase' | 'changedFiles'>): Promise<void> {
  if (input.readBase) return;
  const paths = input.changedFiles.filter((f) => f.status !== 'added').map((f) => f.path);
  prefetched.set(input, await readBlobs(input.dir, input.baseCommit, paths));
}

/** Many files' texts at the base (see baseText), read in one git process. */
export async function baseTexts(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase'>, paths: ReadonlyArray<string>): Promise<Map<string, string | undefined>> {
  if (input.readBase) return new Map(await Promise.all(paths.map(async (p) => [p, await input.readBase!(p)] as const)));
  const known = prefetched.get(input);
  const read = await readBlobs(input.dir, input.baseCommit, paths.filter((p) => !known?.has(p)));
  const texts = new Map<string, string | undefined>();
  for (const p of paths) texts.set(p, known?.has(p) ? known.get(p) : read.has(p) ? read.get(p) : await readAtBase(input.dir, input.baseCommit, p));
  return texts;
}

/** A changed file's text at the base of the change under review (see GuardInput.readBase). */
export function baseText(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase'>, rel: string): Promise<string | undefined> {
  if (input.readBase) return input.readBase(rel);
  const texts = prefetched.get(input);
  return texts?.has(rel) ? Promise.resolve(texts.get(rel)) : readAtBase(input.dir, input.baseCommit, rel);
}

/**
 * Every file path at the base of the change: the base commit's tree, or — when the base is not a
 * git commit (eval, GuardInput.readBase) — the files in `dir` without the added ones, with the
 * deleted ones (node_modules and .git left out).
 */
export async function baseFiles(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase' | 'changedFiles'>): Promise<string[]> {
  if (!input.readBase) return (await git(input.dir, ['ls-tree', '-r', '-z', '--name-only', input.baseCommit])).split('\0').filter(Boolean);
  const added = new Set(input.changedFiles.filter((f) => f.status === 'added').map((f) => f.path));
  const present = (readdirSync(input.dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(input.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((p) => !/(?:^|\/)(?:node_modules|\.git)\//.test(p) && !added.has(p));
  return [...new Set([...present, ...input.changedFiles.filter((f) => f.status === 'deleted').map((f) => f.path)])];
}
