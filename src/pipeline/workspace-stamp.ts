/**
 * A stat listing of a workspace (every path but .git/), to tell without a git process what was
 * written since: paths created or deleted, files or symlinks whose size, mtime, inode or mode
 * moved. Trusted only as git trusts its index (racy git): every file must be older than the
 * listing, proven by a probe file written just after it. A later write then always moves the
 * mtime; a file from the same millisecond could be rewritten with the same size unseen, so such a
 * listing is not made at all (`stampWorkspace` returns undefined and the caller asks git;
 * `stampWorkspaceSettled` waits for the clock instead). Callers that put nothing back compare
 * change times too, which no process can set back.
 */
import { lstatSync, readdirSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import path from 'node:path';

interface Entry {
  kind: 'file' | 'dir' | 'link' | 'other';
  size: number;
  /** Whole milliseconds: compared, and put back by `putBackFiles` (utimes keeps microseconds at best). */
  mtime: number;
  ino: number;
  mode: number;
  atimeMs: number;
  /** Moves with every write and every utimes: no process can set it back. */
  ctimeNs: bigint;
}

export interface StampOptions {
  /** Leave out every node_modules folder (the install's, which nothing restores). Default false. */
  skipNodeModules?: boolean;
  /** Give up (undefined) beyond this many paths: a large tree is cheaper for git to list. Default: no limit. */
  maxEntries?: number;
}

export interface WorkspaceStamp {
  readonly dir: string;
  readonly options: StampOptions;
  /** Repository-relative POSIX path → its stat. */
  readonly entries: ReadonlyMap<string, Entry>;
}

function entryOf(st: BigIntStats): Entry {
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : 'other';
  return { kind, size: Number(st.size), mtime: Number(st.mtimeMs), ino: Number(st.ino), mode: Number(st.mode), atimeMs: Number(st.atimeNs / 1000n) / 1000, ctimeNs: st.ctimeNs };
}

/**
 * A directory's own mtime moves with every file created in it and removed again: only its
 * existence counts. `ctime`: also the change time, which `putBackFiles` cannot keep (it is for
 * callers that put nothing back).
 */
function same(a: Entry, b: Entry, ctime = false): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'dir' || (a.size === b.size && a.mtime === b.mtime && a.ino === b.ino && a.mode === b.mode && (!ctime || a.ctimeNs === b.ctimeNs));
}

/** Visits every path under `dir` but the top-level .git (and node_modules when asked); `visit` returns false to stop the walk. */
function walk(dir: string, options: StampOptions, visit: (rel: string, entry: Entry) => boolean): boolean {
  const go = (abs: string, rel: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      return true;
    }
    for (const name of names) {
      if ((rel === '' && name === '.git') || (options.skipNodeModules && name === 'node_modules')) continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(path.join(abs, name), { throwIfNoEntry: false, bigint: true });
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
    return Number(lstatSync(probe, { bigint: true }).mtimeMs);
  } catch {
    return undefined;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** The listing; 'racy' when a file is as new as the listing itself; undefined when it cannot be made or is too large. */
function tryStamp(dir: string, options: StampOptions): WorkspaceStamp | 'racy' | undefined {
  const entries = new Map<string, Entry>();
  const max = options.maxEntries ?? Infinity;
  const complete = walk(dir, options, (rel, entry) => {
    entries.set(rel, entry);
    return entries.size <= max;
  });
  if (!complete) return undefined;
  const now = fileSystemNow(dir);
  if (now === undefined) return undefined;
  for (const entry of entries.values()) if (entry.kind !== 'dir' && entry.mtime >= now) return 'racy';
  return { dir, options, entries };
}

/** Undefined when the listing could not be trusted (a file as new as the listing, or no .git folder) or is too large. */
export function stampWorkspace(dir: string, options: StampOptions = {}): WorkspaceStamp | undefined {
  const stamp = tryStamp(dir, options);
  return stamp === 'racy' ? undefined : stamp;
}

/**
 * `stampWorkspace` just after files were written (a fresh clone's checkout): when one is as new
 * as the listing, waits for the clock to move on and lists again (three times at most, 3 ms apart:
 * file times follow the kernel's coarse clock, one tick is up to 4 ms) — cheaper than the git
 * processes that would otherwise tell what changed.
 */
export async function stampWorkspaceSettled(dir: string, options: StampOptions = {}): Promise<WorkspaceStamp | undefined> {
  for (let attempt = 0; ; attempt++) {
    const stamp = tryStamp(dir, options);
    if (stamp !== 'racy') return stamp;
    if (attempt === 3) return undefined;
    await new Promise((next) => setTimeout(next, 3));
  }
}

/**
 * Paths created, deleted or written since the stamp, sorted; at most `max` of them (the walk
 * stops there). `ctime`: a file whose change time moved counts too, even with its size, mtime and
 * inode as before (written in place and its mtime set back).
 */
export function changedSince(stamp: WorkspaceStamp, max = Infinity, { ctime = false } = {}): string[] {
  const changed: string[] = [];
  let seen = 0;
  walk(stamp.dir, stamp.options, (rel, entry) => {
    const before = stamp.entries.get(rel);
    if (before) seen++;
    if (!before || !same(before, entry, ctime)) changed.push(rel);
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
