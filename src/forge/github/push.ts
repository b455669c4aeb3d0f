/**
 * Pushing godwit's branch without ever overwriting a human's work: fetch the remote branch,
 * and force-push (with a lease on the sha just seen) only when every commit on it that is not
 * in the base branch was authored by godwit. git processes: ls-remote and push for a new branch;
 * ls-remote, fetch, log and push over an existing one (no `rev-parse HEAD` when the caller names
 * the commit, no temporary refs to delete). Pushes go to the clone URL directly, so no remote
 * (and no credential) is written to .git/config.
 */
import { GodwitError } from '../../errors.js';
import { runGit } from '../../process/index.js';
import { GODWIT_AUTHOR, type GitAuth } from '../types.js';
import { redactToken } from './git-auth.js';

export interface PushOptions {
  workspaceDir: string;
  remoteUrl: string;
  branch: string;
  base: string;
  auth: GitAuth;
  /** Only for redaction of git's output in error messages. */
  token?: string;
  repoName: string;
  /** The commit to push (the gate's); default: the workspace's HEAD. */
  commit?: string;
}

export type PushResult = { pushed: boolean; reason?: 'edited-by-human' | 'unchanged'; commit: string; humanCommits?: string[] };

function gitRunner(opts: PushOptions) {
  return async (args: string[], allowFail = false): Promise<{ stdout: string; exitCode: number }> => {
    // The auth header reaches git through GIT_CONFIG_* (the git runner), never argv or disk.
    const result = await runGit(opts.workspaceDir, args, { config: opts.auth.configArgs, allowFail: true });
    const exitCode = result.exitCode;
    if (exitCode !== 0 && !allowFail) {
      const output = redactToken(`${result.stderr}\n${result.stdout}`.trim(), opts.token).slice(0, 2000);
      const verb = args.find((a) => !a.startsWith('-')) ?? 'git';
      throw new GodwitError(
        verb === 'push' ? 'push-failed' : 'git-failed',
        `git ${verb} of ${opts.branch} to ${opts.repoName} failed: ${output}`,
        'Check that the token may push to the repository (contents: write) and that the branch is not protected.',
      );
    }
    return { stdout: result.stdout, exitCode };
  };
}

/** Commits in `range` whose author is not godwit, as "sha author <email>" lines. */
async function humanCommits(git: ReturnType<typeof gitRunner>, range: string): Promise<string[]> {
  const { stdout } = await git(['log', '--format=%H%x09%an%x09%ae', range]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .filter(([, , email]) => (email ?? '').toLowerCase() !== GODWIT_AUTHOR.email)
    .map(([sha, name, email]) => `${sha?.slice(0, 12)} ${name} <${email}>`);
}

export async function pushGodwitBranch(opts: PushOptions): Promise<PushResult> {
  const git = gitRunner(opts);
  const branchRef = `refs/heads/${opts.branch}`;
  const baseRef = `refs/heads/${opts.base}`;
  // The branch and the base as the remote has them, in one round trip.
  const [head, remote] = await Promise.all([
    opts.commit ?? git(['rev-parse', 'HEAD']).then((r) => r.stdout.trim()),
    git(['ls-remote', '--heads', '--', opts.remoteUrl, branchRef, baseRef]),
  ]);
  const remoteShas = new Map(remote.stdout.split('\n').map((line) => line.split(/\s+/)).map(([sha, ref]) => [ref ?? '', sha ?? '']));
  const remoteSha = remoteShas.get(branchRef) ?? '';

  if (!remoteSha) {
    // `--force-with-lease=<ref>:` (empty expectation) refuses if someone created the branch meanwhile.
    await git(['push', '--porcelain', `--force-with-lease=${branchRef}:`, '--', opts.remoteUrl, `${head}:${branchRef}`]);
    return { pushed: true, commit: head };
  }
  if (remoteSha === head) return { pushed: false, reason: 'unchanged', commit: head };

  // Both objects fetched into FETCH_HEAD only: no ref to clean up afterwards. The commits judged
  // are the ones ls-remote named; the lease below is on the same sha.
  await git(['fetch', '--no-tags', '--quiet', '--', opts.remoteUrl, branchRef, baseRef]);
  const remoteBase = remoteShas.get(baseRef);
  if (!remoteBase) throw new GodwitError('git-failed', `${opts.repoName} has no branch ${opts.base}`, 'Check the base branch of the repository.');
  const humans = await humanCommits(git, `${remoteBase}..${remoteSha}`);
  if (humans.length > 0) return { pushed: false, reason: 'edited-by-human', commit: remoteSha, humanCommits: humans };
  await git(['push', '--porcelain', `--force-with-lease=${branchRef}:${remoteSha}`, '--', opts.remoteUrl, `${head}:${branchRef}`]);
  return { pushed: true, commit: head };
}
