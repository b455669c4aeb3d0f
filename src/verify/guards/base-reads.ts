/**
 * What the guards read at the base commit: its file list and the texts of the changed files and
 * of the files a guard declares (Guard.readsAtBase) — `git ls-tree`, then one `git cat-file
 * --batch` for all of them, instead of a process per file and guard. The gate starts this while
 * the verifiers run (the base commit cannot change), so after them the guards start no git
 * process at all (issue 17). A path not in the base tree is known to be missing there, without git.
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../../errors.js';
import { readBlobs, runGit } from '../../process/index.js';
import type { BaseReads, Guard, GuardInput } from './types.js';

/** The base's reads for one guard run, by its input object (prefetchBaseTexts). */
const known = new WeakMap<object, BaseReads>();

async function git(dir: string, args: string[]): Promise<string> {
  return (await runGit(dir, args, { keepTrailingNewline: true })).stdout;
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

/** The base tree, and the texts of `paths` and of what `guards` read there, in two git processes. */
export async function readBaseAhead(dir: string, commit: string, paths: ReadonlyArray<string>, guards: ReadonlyArray<Guard>, signal?: AbortSignal): Promise<BaseReads> {
  const list = (await git(dir, ['ls-tree', '-r', '-z', '--name-only', commit])).split('\0').filter(Boolean);
  const files = new Set(list);
  const wanted = [...paths, ...guards.flatMap((g) => g.readsAtBase?.(list) ?? [])];
  const texts = await readBlobs(dir, commit, wanted.filter((p) => files.has(p)), signal);
  return { commit, files, texts };
}

/**
 * Makes the base's reads available to `baseText(input, …)`: the gate's read-ahead when it is of
 * this base (only the changed files it did not cover are read now), else a fresh one.
 */
export async function prefetchBaseTexts(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase' | 'changedFiles' | 'baseReads'>, guards: ReadonlyArray<Guard>): Promise<void> {
  if (input.readBase) return;
  const changed = input.changedFiles.filter((f) => f.status !== 'added').map((f) => f.path);
  const ahead = input.baseReads?.commit === input.baseCommit ? input.baseReads : undefined;
  if (!ahead) {
    known.set(input, await readBaseAhead(input.dir, input.baseCommit, changed, guards));
    return;
  }
  const texts = new Map(ahead.texts);
  const missing = changed.filter((p) => !texts.has(p) && ahead.files.has(p));
  for (const [p, text] of missing.length ? await readBlobs(input.dir, input.baseCommit, missing) : []) texts.set(p, text);
  known.set(input, { ...ahead, texts });
}

type BaseSource = Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase'>;

/** What the reads know of `rel` (`text` undefined: no file there); undefined when they do not know. */
function knownText(input: BaseSource, rel: string): { text: string | undefined } | undefined {
  const reads = known.get(input);
  if (!reads) return undefined;
  if (reads.texts.has(rel)) return { text: reads.texts.get(rel) };
  return reads.files.has(rel) ? undefined : { text: undefined };
}

/** Many files' texts at the base (see baseText), the ones not read yet in one git process. */
export async function baseTexts(input: BaseSource, paths: ReadonlyArray<string>): Promise<Map<string, string | undefined>> {
  if (input.readBase) return new Map(await Promise.all(paths.map(async (p) => [p, await input.readBase!(p)] as const)));
  const read = await readBlobs(input.dir, input.baseCommit, paths.filter((p) => !knownText(input, p)));
  const texts = new Map<string, string | undefined>();
  for (const p of paths) {
    const hit = knownText(input, p);
    texts.set(p, hit ? hit.text : read.has(p) ? read.get(p) : await readAtBase(input.dir, input.baseCommit, p));
  }
  return texts;
}

/** A changed file's text at the base of the change under review (see GuardInput.readBase). */
export async function baseText(input: BaseSource, rel: string): Promise<string | undefined> {
  if (input.readBase) return input.readBase(rel);
  const hit = knownText(input, rel);
  return hit ? hit.text : readAtBase(input.dir, input.baseCommit, rel);
}

/**
 * Every file path at the base of the change: the base commit's tree, or — when the base is not a
 * git commit (eval, GuardInput.readBase) — the files in `dir` without the added ones, with the
 * deleted ones (node_modules and .git left out).
 */
export async function baseFiles(input: Pick<GuardInput, 'dir' | 'baseCommit' | 'readBase' | 'changedFiles'>): Promise<string[]> {
  if (input.readBase) {
    const added = new Set(input.changedFiles.filter((f) => f.status === 'added').map((f) => f.path));
    const present = (readdirSync(input.dir, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(input.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((p) => !/(?:^|\/)(?:node_modules|\.git)\//.test(p) && !added.has(p));
    return [...new Set([...present, ...input.changedFiles.filter((f) => f.status === 'deleted').map((f) => f.path)])];
  }
  const reads = known.get(input);
  if (reads) return [...reads.files];
  return (await git(input.dir, ['ls-tree', '-r', '-z', '--name-only', input.baseCommit])).split('\0').filter(Boolean);
}
