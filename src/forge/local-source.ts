/**
 * The local forge's source repository, read and written with as few git processes as a job can
 * afford (issue 17): its side of a branch in one `for-each-ref`; the commit's objects fetched
 * into it while the verifiers run; then, once the change may be published, one `update-ref`
 * leased on the branch as read — instead of a `git push`, which starts five processes.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { assertGitDirIntact, gitIn, gitStep, readHead } from '../process/index.js';

export type SourceBranch = { commit?: string; tree?: string; worktree?: string };

/** The source repository's side of `branch` in one git process: its commit, its tree, and where it is checked out. */
export async function readSourceBranch(source: string, branch: string): Promise<SourceBranch> {
  const ref = `refs/heads/${branch}`;
  const out = await gitStep('git for-each-ref', 'git-failed', () => gitIn(source).raw(['for-each-ref', '--format=%(refname) %(objectname) %(tree) %(worktreepath)', '--', ref]));
  // The pattern also matches refs below it (refs/heads/<branch>/…): keep the exact one.
  const line = out.split('\n').find((l) => l.startsWith(`${ref} `));
  if (!line) return {};
  const [, commit, tree, ...worktree] = line.split(' ');
  return { ...(commit ? { commit } : {}), ...(tree ? { tree } : {}), ...(worktree.join(' ') ? { worktree: worktree.join(' ') } : {}) };
}

/**
 * Copies `commit` and what it needs from the workspace into the source's object store, without
 * any ref (the commit is not on a ref in the workspace either: the gate made it on the side).
 * Unreferenced until `updateSourceBranch`; git's gc prunes it should that never come.
 */
export async function fetchCommitIntoSource(source: string, workspaceDir: string, commit: string): Promise<void> {
  // The workspace's git serves it (upload-pack): its .git must be as cloned, as for any git call in it.
  assertGitDirIntact(workspaceDir);
  await gitIn(source).raw(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--upload-pack=git -c uploadpack.allowAnySHA1InWant=true upload-pack', '--', workspaceDir, commit]);
}

/**
 * Whether `branch` may be checked out in the source, from its HEAD files (the main working tree
 * and every linked one): true when it is, or when that cannot be read as plain files (the caller
 * then pushes, and the receiving git refuses a checked-out branch itself).
 */
export function maybeCheckedOut(source: string, branch: string): boolean {
  const gitDir = path.join(source, '.git');
  const heads = [path.join(gitDir, 'HEAD')];
  try {
    if (!statSync(gitDir).isDirectory()) return true;
    const linked = path.join(gitDir, 'worktrees');
    if (statSync(linked, { throwIfNoEntry: false })?.isDirectory()) for (const name of readdirSync(linked)) heads.push(path.join(linked, name, 'HEAD'));
    return heads.some((file) => {
      const head = readHead(file);
      return head === undefined || ('branch' in head && head.branch === branch);
    });
  } catch {
    return true;
  }
}

/** Points the source's `branch` at `commit` if it is still at `expected` (undefined: must not exist); throws `push-failed` otherwise. */
export async function updateSourceBranch(source: string, branch: string, commit: string, expected: string | undefined): Promise<void> {
  const old = expected ?? '0'.repeat(commit.length);
  await gitStep(`git update-ref in ${source}`, 'push-failed', () => gitIn(source).raw(['update-ref', '-m', 'godwit: publish', `refs/heads/${branch}`, commit, old]));
}
