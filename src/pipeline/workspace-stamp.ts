/**
 * A stat listing of a workspace (every path but .git/), to tell without a git process what was
 * written since: paths created or deleted, files or symlinks whose size, mtime, inode or mode
 * moved. Trusted only as git trusts its index (racy git): every file must be older than the
 * listing, proven by a probe file written just after it. A later write then always moves the
 * mtime; a file from the same millisecond could be rewritten with the same size unseen, so such a
 * listing is not made at all (`stampWorkspace` returns undefined and the caller asks git).
 */
import { lstatSync, readdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

interface Entry {
  kind: 'file' | 'dir' | 'link' | 'other';
  size: number;
  /** Whole milliseconds: compared, and put back by `putBackFiles` (utimes keeps microseconds at best). */
  mtime: number;
  ino: number;
  mode: number;
  atimeMs: number;
}

export interface WorkspaceStamp {
  readonly dir: string;
  /** Repository-relative POSIX path → its stat. */
  readonly entries: ReadonlyMap<string, Entry>;
}

function entryOf(st: Stats): Entry {
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : 'other';
  return { kind, size: st.size, mtime: Math.floor(st.mtimeMs), ino: st.ino, mode: st.mode, atimeMs: st.atimeMs };
}

/** A directory's own mtime moves with every file created in it and removed again: only its existence counts. */
function same(a: Entry, b: Entry): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'dir' || (a.size === b.size && a.mtime === b.mtime && a.ino === b.ino && a.mode === b.mode);
}

/** Visits every path under `dir` but the top-level .git; `visit` returns false to stop the walk. */
function walk(dir: string, visit: (rel: string, entry: Entry) => boolean): boolean {
  const go = (abs: string, rel: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      return true;
    }
    for (const name of names) {
      if (rel === '' && name === '.git') continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(path.join(abs, name), { throwIfNoEntry: false });
      if (!st) continue;
      const entry = entryOf(st);
      if (!visit(childRel, entry)) return false;
      if (entry.kind === 'dir' && !go(path.join(abs, name), childRel)) return false;
    }
    return true;
  };
  return go(dir, '');
}

/** The file system's clock now, read from a probe file written inside .git (the same file system). */
function fileSystemNow(dir: string): number | undefined {
  const gitDir = path.join(dir, '.git');
  if (!statSync(gitDir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const probe = path.join(gitDir, 'godwit-stamp-probe');
  try {
    writeFileSync(probe, '');
    return Math.floor(lstatSync(probe).mtimeMs);
  } catch {
    return undefined;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Undefined when the listing could not be trusted (a file as new as the listing, or no .git folder). */
export function stampWorkspace(dir: string): WorkspaceStamp | undefined {
  const entries = new Map<string, Entry>();
  walk(dir, (rel, entry) => {
    entries.set(rel, entry);
    return true;
  });
  const now = fileSystemNow(dir);
  if (now === undefined) return undefined;
  for (const entry of entries.values()) if (entry.kind !== 'dir' && entry.mtime >= now) return undefined;
  return { dir, entries };
}

/** Paths created, deleted or written since the stamp, sorted; at most `max` of them (the walk stops there). */
export function changedSince(stamp: WorkspaceStamp, max = Infinity): string[] {
  const changed: string[] = [];
  let seen = 0;
  walk(stamp.dir, (rel, entry) => {
    const before = stamp.entries.get(rel);
    if (before) seen++;
    if (!before || !same(before, entry)) changed.push(rel);
    return changed.length < max;
  });
  if (changed.length < max && seen < stamp.entries.size) {
    for (const rel of stamp.entries.keys()) {
      if (changed.length >= max) break;
      if (lstatSync(path.join(stamp.dir, rel), { throwIfNoEntry: false }) === undefined) changed.push(rel);
    }
  }
  return changed.sort();
}

/** The stat of a path when the stamp was made (undefined: it did not exist). */
export function stampedEntry(stamp: WorkspaceStamp, rel: string): Readonly<Entry> | undefined {
  return stamp.entries.get(rel);
}
