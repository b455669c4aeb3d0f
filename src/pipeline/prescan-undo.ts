/**
 * Undoing the pre-scan's trial run, and knowing what it changed, without git where that is
 * provably the same: the clone was stamped before the run (workspace-stamp.ts), and the files
 * the run wrote are known with their originals (package.json, and what the Project saved).
 * When every change since the stamp is an in-place rewrite of such a file, the changed files are
 * exactly those whose bytes differ — what `git status` lists in a fresh clone, where every file
 * is tracked and, with no .gitattributes, the working tree holds the committed bytes — and
 * writing the originals back undoes it. Anything else (a file created, deleted or written by the
 * codemod itself, a .gitattributes, a listing that could not be trusted) asks git as before.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { uncommittedEntries } from '../workspace/commit.js';
import { putBackFiles, resetToHead, undoChanges, type FileBefore } from '../workspace/restore.js';
import { changedSince, stampedEntry, type WorkspaceStamp } from './workspace-stamp.js';

/** The originals of the files the trial run may write: repository-relative path → bytes (null: did not exist). */
export class TrialOriginals {
  readonly files = new Map<string, Buffer | null>();
  constructor(private readonly dir: string) {}
  /** Keeps a file's bytes unless kept already (the first copy is the original). */
  keep(abs: string): void {
    const rel = path.relative(this.dir, abs).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel) || this.files.has(rel)) return;
    this.files.set(rel, existsSync(abs) ? readFileSync(abs) : null);
  }
}

export interface UndoneTrial {
  /** Files the trial run changed, as `git status` lists them. */
  changedFiles: string[];
  /** Their bytes after the run, when git was not needed (what the codemod stage may write instead of running it again). */
  writes?: Map<string, Buffer>;
}

const hasGitattributes = (stamp: WorkspaceStamp): boolean => [...stamp.entries.keys()].some((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'));

/** The changes are in-place rewrites of files whose originals are kept: undone and listed without git. */
function undoKnownRewrites(stamp: WorkspaceStamp, originals: TrialOriginals): UndoneTrial | undefined {
  if (hasGitattributes(stamp)) return undefined;
  const changed = changedSince(stamp);
  const befores: FileBefore[] = [];
  for (const rel of changed) {
    const was = stampedEntry(stamp, rel);
    const original = originals.files.get(rel);
    // Rewritten in place: a replaced file (new inode) or a new mode would show in `git status` by itself.
    const now = lstatSync(path.join(stamp.dir, rel), { throwIfNoEntry: false });
    if (was?.kind !== 'file' || !original || !now?.isFile() || now.ino !== was.ino || now.mode !== was.mode) return undefined;
    befores.push({ file: rel, content: original, atimeMs: was.atimeMs, mtimeMs: was.mtime });
  }
  const writes = new Map<string, Buffer>();
  for (const b of befores) {
    const abs = path.join(stamp.dir, b.file);
    const after = readFileSync(abs);
    if (!after.equals(b.content)) writes.set(b.file, after);
  }
  putBackFiles(stamp.dir, befores);
  return { changedFiles: [...writes.keys()], writes };
}

/** Puts the clone back to the commit after the trial run; `succeeded`: the run got to the end. */
export async function undoTrial(dir: string, stamp: WorkspaceStamp | undefined, originals: TrialOriginals, succeeded: boolean): Promise<UndoneTrial> {
  const known = stamp ? undoKnownRewrites(stamp, originals) : undefined;
  if (known) return known;
  if (!succeeded) {
    await resetToHead(dir);
    return { changedFiles: [] };
  }
  // What changed is known from git: undo just that (no git call when nothing changed).
  const changed = await uncommittedEntries(dir);
  await undoChanges(dir, changed);
  return { changedFiles: changed.map((e) => e.file) };
}
