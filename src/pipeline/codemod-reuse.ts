/**
 * The pre-scan's codemod run, kept for the codemod stage, which then writes its result instead
 * of running the codemod again — only where a second run provably sees the same input:
 *   - the pre-scan knew everything its run wrote without git (prescan-undo.ts): in-place rewrites
 *     of package.json and of files the Project saved, their bytes remembered;
 *   - no package manager ran since: prepare installed nothing and the codemod stage's package
 *     changes need no lockfile update or install (either changes node_modules or the lockfile,
 *     which a type-aware codemod, its locator or its own file reads may see);
 *   - the workspace is exactly as the pre-scan left it — the same paths, and every file with the
 *     same size, mtime, inode and mode (workspace-stamp.ts): a verifier that left anything
 *     behind, even an ignored build output, cache or coverage file, makes the stage run it again;
 *   - the same package changes (`ctx.packages`) on the same package.json, so the stage's
 *     package.json before the codemod is the pre-scan's.
 * The Project is the pre-scan's, after the same steps a new run would take. Like the pre-scan's
 * no-changes verdict, this takes the codemod to be deterministic and to act only on the workspace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from 'ts-morph';
import type { JobContext, PreparedContext } from './context.js';
import type { CodemodOutcome } from './run-codemod.js';
import { changedSince, type WorkspaceStamp } from './workspace-stamp.js';

export interface CodemodLog {
  level: 'info' | 'warn';
  message: string;
}

export interface PrescanRun {
  project: Project;
  outcome: CodemodOutcome;
  /** What the run logged (the pre-scan shows none of it; the codemod stage does). */
  logs: CodemodLog[];
  /** The run's changed files with their bytes after it, as `git status` would list them. */
  writes: Map<string, Buffer>;
  /** The workspace as the pre-scan left it (the untouched clone). */
  stamp: WorkspaceStamp;
}

const kept = new WeakMap<JobContext, PrescanRun>();

export function keepPrescanRun(ctx: JobContext, run: PrescanRun): void {
  kept.set(ctx, run);
}

/** An install ran: the run cannot be reused (and its Project need not stay in memory). */
export function dropPrescanRun(ctx: JobContext): void {
  kept.delete(ctx);
}

/**
 * The pre-scan's run when the workspace is still exactly as the pre-scan left it and nothing was
 * installed; taken once. Call it before the stage writes anything; the caller still has to check
 * that its own package changes ran no package manager.
 */
export function takePrescanRun(ctx: PreparedContext): PrescanRun | undefined {
  const run = kept.get(ctx);
  kept.delete(ctx);
  if (!run || ctx.install) return undefined;
  return changedSince(run.stamp, 1).length === 0 ? run : undefined;
}

/**
 * True when the workspace is provably the fresh clone: the pre-scan's run is kept, nothing was
 * installed, and every path is as the pre-scan's listing found it before its trial run (which
 * it put back in place). Nothing is uncommitted then.
 */
export function asCloned(ctx: PreparedContext): boolean {
  const run = kept.get(ctx);
  return run !== undefined && !ctx.install && changedSince(run.stamp, 1).length === 0;
}

/**
 * Writes the run's files and logs its lines, as running it again would. Returns the files' texts
 * before the write: the base commit's (the workspace is the untouched clone, without
 * .gitattributes), which the formatter compares with — no `git cat-file` for them.
 */
export function replayPrescanRun(ctx: PreparedContext, run: PrescanRun): Map<string, string> {
  for (const { level, message } of run.logs) ctx.log(level, message);
  const before = new Map<string, string>();
  for (const [file, content] of run.writes) {
    const abs = path.join(ctx.dir, file);
    before.set(file, readFileSync(abs, 'utf8'));
    writeFileSync(abs, content);
  }
  return before;
}
