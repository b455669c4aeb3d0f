/**
 * Keeps the working tree to what the migration changed: files a verifier run writes
 * (snapshots, caches, coverage, emitted .js) are put back afterwards, and the pre-scan's trial
 * run of the codemod is undone. Ignored files (node_modules, build output the repository
 * ignores) are never touched.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { uncommittedFiles, type UncommittedEntry } from './commit.js';
import { gitIn, gitStep } from '../process/index.js';

/** The uncommitted files and their contents (null: deleted in the working tree). */
export type WorkingTreeSnapshot = Map<string, Buffer | null>;

/** node_modules is the install's, even in a repository that forgot to ignore it. */
async function changedFiles(dir: string): Promise<string[]> {
  return (await uncommittedFiles(dir)).filter((f) => !f.split('/').includes('node_modules'));
}

/** `uncommitted`: the caller's fresh `uncommittedFiles(dir)`, to save a `git status`. */
export async function snapshotWorkingTree(dir: string, uncommitted?: ReadonlyArray<string>): Promise<WorkingTreeSnapshot> {
  const snapshot: WorkingTreeSnapshot = new Map();
  const files = uncommitted ? uncommitted.filter((f) => !f.split('/').includes('node_modules')) : await changedFiles(dir);
  for (const file of files) {
    const abs = path.join(dir, file);
    snapshot.set(file, existsSync(abs) ? readFileSync(abs) : null);
  }
  return snapshot;
}

async function trackedAtHead(dir: string, file: string): Promise<boolean> {
  const out = await gitStep('git ls-tree', 'git-failed', () => gitIn(dir).raw(['ls-tree', '--name-only', 'HEAD', '--', file]));
  return out.trim() !== '';
}

function write(dir: string, file: string, content: Buffer | null): void {
  const abs = path.join(dir, file);
  if (content === null) rmSync(abs, { force: true });
  else {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Puts every file back to `snapshot` (or to HEAD when it was clean); returns the files that had been written. */
export async function restoreWorkingTree(dir: string, snapshot: WorkingTreeSnapshot): Promise<string[]> {
  const restored: string[] = [];
  const now = await changedFiles(dir);
  for (const file of now) {
    const abs = path.join(dir, file);
    const current = existsSync(abs) ? readFileSync(abs) : null;
    if (snapshot.has(file)) {
      const saved = snapshot.get(file)!;
      if (saved === null ? current === null : current !== null && saved.equals(current)) continue;
      write(dir, file, saved);
    } else if (await trackedAtHead(dir, file)) {
      await gitStep('git checkout', 'git-failed', () => gitIn(dir).raw(['checkout', '--quiet', 'HEAD', '--', file]));
    } else rmSync(abs, { force: true });
    restored.push(file);
  }
  // A file the verifier reset to its committed content loses the migration's change: write it back.
  for (const [file, saved] of snapshot) {
    if (!now.includes(file)) {
      write(dir, file, saved);
      restored.push(file);
    }
  }
  return restored.sort();
}

/** Back to the commit: tracked files reset, untracked (not ignored) files removed. */
export async function resetToHead(dir: string): Promise<void> {
  await gitStep('git reset', 'git-failed', () => gitIn(dir).raw(['reset', '--quiet', '--hard', 'HEAD']));
  await gitStep('git clean', 'git-failed', () => gitIn(dir).raw(['clean', '-fdq']));
}

/**
 * Back to the commit when the caller has just read what changed (`uncommittedEntries`): tracked
 * files checked out from HEAD in one git call, new files removed (and the folders they leave
 * empty) — none at all when nothing changed, instead of `reset --hard` + `clean`.
 */
export async function undoChanges(dir: string, changed: ReadonlyArray<UncommittedEntry>): Promise<void> {
  const tracked = changed.filter((e) => e.tracked).map((e) => e.file);
  if (tracked.length > 500) return resetToHead(dir); // keep argv short
  if (tracked.length) await gitStep('git checkout', 'git-failed', () => gitIn(dir).raw(['checkout', '--quiet', 'HEAD', '--', ...tracked]));
  for (const { file } of changed.filter((e) => !e.tracked)) {
    rmSync(path.join(dir, file), { force: true });
    // Folders the change created are empty now; `git clean -d` would remove them too.
    for (let parent = path.dirname(file); parent !== '.' && parent !== ''; parent = path.dirname(parent)) {
      const abs = path.join(dir, parent);
      if (!existsSync(abs) || readdirSync(abs).length > 0) break;
      rmdirSync(abs);
    }
  }
}

/** A file as it was before a trial write: its bytes and times (milliseconds). */
export interface FileBefore {
  file: string;
  content: Buffer;
  atimeMs: number;
  mtimeMs: number;
}

/**
 * Writes files back in place as they were, times included, without git (the pre-scan knows the
 * originals of what its trial run rewrote). In place: inode and mode stay. utimes keeps
 * microseconds at best, so the time put back is the whole millisecond plus half of one: it reads
 * back as the same whole millisecond (src/pipeline/workspace-stamp.ts compares those).
 */
export function putBackFiles(dir: string, files: ReadonlyArray<FileBefore>): void {
  for (const f of files) {
    const abs = path.join(dir, f.file);
    writeFileSync(abs, f.content);
    utimesSync(abs, f.atimeMs / 1000, (Math.floor(f.mtimeMs) + 0.5) / 1000);
  }
}
