/**
 * The change under review: a base commit against the working tree, untracked files included
 * (as additions), without touching the index. Guards and the judge read it.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { newFilePatch } from '../../diff/index.js';
import { GodwitError } from '../../errors.js';
import { runGit } from '../../process/index.js';
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

/** A changed file's text at the base of the change under review (see GuardInput.readBase). */
export function baseText(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase'>, rel: string): Promise<string | undefined> {
  return input.readBase ? input.readBase(rel) : readAtBase(input.dir, input.baseCommit, rel);
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
