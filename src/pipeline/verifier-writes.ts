/**
 * What verifier runs write into the working tree (snapshots, caches, coverage) is put back
 * afterwards (workspace/restore.ts) — found with `git status`, unless a stat listing taken just
 * before them (workspace-stamp.ts, change times included, node_modules left out) shows nothing
 * written at all, the usual case: then no git process. Listed only up to a size where the
 * listing costs less than the git process.
 */
import { restoreWorkingTree, type WorkingTreeSnapshot } from '../workspace/restore.js';
import type { PreparedContext } from './context.js';
import { changedSince, stampWorkspaceSettled, type WorkspaceStamp } from './workspace-stamp.js';

/** The listing to compare with after the verifiers; undefined: git will tell. */
export function listBeforeVerifiers(dir: string): Promise<WorkspaceStamp | undefined> {
  return stampWorkspaceSettled(dir, { skipNodeModules: true, maxEntries: 2000 });
}

/** Puts back what the verifiers wrote and logs it; no git when the listing shows nothing written. */
export async function putBackVerifierWrites(ctx: PreparedContext, before: WorkingTreeSnapshot, listing: WorkspaceStamp | undefined): Promise<void> {
  if (listing && changedSince(listing, 1, { ctime: true }).length === 0) return;
  const written = await restoreWorkingTree(ctx.dir, before);
  if (written.length) ctx.log('info', `restored ${written.length} file(s) the verifiers wrote: ${written.slice(0, 10).join(', ')}`);
}
