/** Commits everything in the workspace with godwit's fixed author. */
import { GODWIT_AUTHOR } from '../forge/types.js';
import { GodwitError } from '../errors.js';
import { gitIn, gitStep, runGit } from '../process/index.js';

/** Repository-relative paths with uncommitted changes (tracked or new), sorted. */
export async function uncommittedFiles(dir: string): Promise<string[]> {
  const out = await gitStep('git status', 'git-failed', () => gitIn(dir).raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']));
  const files: string[] = [];
  const parts = out.split('\0').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    const status = entry.slice(0, 2);
    files.push(entry.slice(3));
    if (status.startsWith('R') || status.startsWith('C')) i++; // the source path follows a rename
  }
  return files.sort();
}

export function commitMessage(migrationId: string, title: string): string {
  return `${title}\n\nApplied by godwit migration ${migrationId}.`;
}

/** Stages everything and commits; returns the new commit, or undefined when nothing changed. */
export async function commitAll(dir: string, message: string): Promise<string | undefined> {
  const identity = [`user.name=${GODWIT_AUTHOR.name}`, `user.email=${GODWIT_AUTHOR.email}`, 'commit.gpgsign=false'];
  await gitStep('git add', 'git-failed', () => gitIn(dir, { config: identity }).raw(['add', '--all']));
  // Nothing staged: `git commit` exits 1 (no `git status` call first).
  const commit = await gitStep('git commit', 'git-failed', () => runGit(dir, ['commit', '--quiet', '--no-verify', '-m', message], { config: identity, allowFail: true }));
  if (commit.exitCode !== 0) {
    if ((await uncommittedFiles(dir)).length === 0) return undefined;
    throw new GodwitError('git-failed', `git commit failed: ${(commit.stderr || commit.stdout).trim().slice(0, 2000)}`, 'Check that the folder is a valid git repository.');
  }
  return (await gitIn(dir).raw(['rev-parse', 'HEAD'])).trim();
}
