/**
 * Pushing godwit's branch without ever overwriting a human's work: fetch the remote branch,
 * and force-push (with a lease on the sha just seen) only when every commit on it that is not
 * in the base branch was authored by godwit. Pushes go to the clone URL directly, so no remote
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
}

export type PushResult = { pushed: boolean; reason?: 'edited-by-human' | 'unchanged'; commit: string; humanCommits?: string[] };

const TMP_BRANCH_REF = 'refs/godwit/publish/remote-branch';
const TMP_BASE_REF = 'refs/godwit/publish/remote-base';

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
  const head = (await git(['rev-parse', 'HEAD'])).stdout.trim();
  const remote = await git(['ls-remote', '--heads', '--', opts.remoteUrl, `refs/heads/${opts.branch}`]);
  const remoteSha = remote.stdout.split(/\s+/)[0] ?? '';

  if (!remoteSha) {
    // `--force-with-lease=<ref>:` (empty expectation) refuses if someone created the branch meanwhile.
    await git(['push', '--porcelain', `--force-with-lease=refs/heads/${opts.branch}:`, '--', opts.remoteUrl, `HEAD:refs/heads/${opts.branch}`]);
    return { pushed: true, commit: head };
  }
  if (remoteSha === head) return { pushed: false, reason: 'unchanged', commit: head };

  try {
    await git([
      'fetch',
      '--no-tags',
      '--quiet',
      '--',
      opts.remoteUrl,
      `+refs/heads/${opts.branch}:${TMP_BRANCH_REF}`,
      `+refs/heads/${opts.base}:${TMP_BASE_REF}`,
    ]);
    const humans = await humanCommits(git, `${TMP_BASE_REF}..${TMP_BRANCH_REF}`);
    if (humans.length > 0) return { pushed: false, reason: 'edited-by-human', commit: remoteSha, humanCommits: humans };
    await git([
      'push',
      '--porcelain',
      `--force-with-lease=refs/heads/${opts.branch}:${remoteSha}`,
      '--',
      opts.remoteUrl,
      `HEAD:refs/heads/${opts.branch}`,
    ]);
    return { pushed: true, commit: head };
  } finally {
    await git(['update-ref', '-d', TMP_BRANCH_REF], true);
    await git(['update-ref', '-d', TMP_BASE_REF], true);
  }
}
