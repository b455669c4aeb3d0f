/** Commits everything in the workspace with godwit's fixed author. */
import { GODWIT_AUTHOR } from '../forge/types.js';
import { GodwitError } from '../errors.js';
import { gitIn, gitStep, runGit } from '../process/index.js';

/** An uncommitted path and whether git tracks it at HEAD (false: a new file, `??`). */
export interface UncommittedEntry {
  file: string;
  tracked: boolean;
}

/** The working tree's uncommitted paths (tracked or new), sorted, from one `git status`. */
export async function uncommittedEntries(dir: string): Promise<UncommittedEntry[]> {
  const out = await gitStep('git status', 'git-failed', () => gitIn(dir).raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']));
  const entries: UncommittedEntry[] = [];
  const parts = out.split('\0').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    const status = entry.slice(0, 2);
    entries.push({ file: entry.slice(3), tracked: status !== '??' });
    if (status.startsWith('R') || status.startsWith('C')) i++; // the source path follows a rename
  }
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Repository-relative paths with uncommitted changes (tracked or new), sorted. */
export async function uncommittedFiles(dir: string): Promise<string[]> {
  return (await uncommittedEntries(dir)).map((e) => e.file);
}

export function commitMessage(migrationId: string, title: string): string {
  return `${title}\n\nApplied by godwit migration ${migrationId}.`;
}

/** The commit named by `[branch <sha>] subject`, the first line `git commit` prints (in full with core.abbrev=no). */
export function summaryCommit(stdout: string): string | undefined {
  return /^\[.*? ([0-9a-f]{40}|[0-9a-f]{64})\]/.exec(stdout)?.[1];
}
/**
 * Up to this many staged paths the commit prints its summary, which names the new commit: no
 * `git rev-parse HEAD` after it (a git process costs 15–40 ms here, issue 17). The summary's
 * line counts cost about 0.15 ms per file, so a larger change commits quietly and asks git.
 */
const SUMMARY_MAX_FILES = 100;

/** godwit's commits: its fixed author, never signed. */
const identity = [`user.name=${GODWIT_AUTHOR.name}`, `user.email=${GODWIT_AUTHOR.email}`, 'commit.gpgsign=false'];

/** Stages everything and commits; returns the new commit, or undefined when nothing changed. */
export async function commitAll(dir: string, message: string): Promise<string | undefined> {
  // --verbose: one "add 'path'" / "remove 'path'" line per staged path.
  const added = await gitStep('git add', 'git-failed', () => gitIn(dir, { config: identity }).raw(['add', '--all', '--verbose']));
  const summary = added.split('\n').filter(Boolean).length <= SUMMARY_MAX_FILES;
  // Nothing staged: `git commit` exits 1 (no `git status` call first).
  const commit = await gitStep('git commit', 'git-failed', () =>
    runGit(dir, ['commit', ...(summary ? [] : ['--quiet']), '--no-verify', '-m', message], { config: [...identity, 'core.abbrev=no'], allowFail: true }),
  );
  if (commit.exitCode !== 0) {
    if ((await uncommittedFiles(dir)).length === 0) return undefined;
    throw new GodwitError('git-failed', `git commit failed: ${(commit.stderr || commit.stdout).trim().slice(0, 2000)}`, 'Check that the folder is a valid git repository.');
  }
  return (summary ? summaryCommit(commit.stdout) : undefined) ?? (await gitIn(dir).raw(['rev-parse', 'HEAD'])).trim();
}

/**
 * The commit `commitAll` would make on `parent`, without moving HEAD: everything staged (`git add
 * --all`), then `write-tree` and `commit-tree`. The gate makes it while the verifiers run and
 * points HEAD at it only once it has checked it (speculative-commit.ts).
 */
export async function commitWithoutHead(dir: string, parent: string, message: string, signal?: AbortSignal): Promise<string> {
  const options = signal ? { signal } : {};
  await runGit(dir, ['add', '--all'], options);
  const tree = (await runGit(dir, ['write-tree'], options)).stdout.trim();
  return (await runGit(dir, ['commit-tree', tree, '-p', parent, '-m', message], { ...options, config: identity })).stdout.trim();
}
