/**
 * The local forge: repositories given as paths or file:// URLs. The branch is pushed into the
 * source repository (never onto its checked-out branch, so its working tree stays as it was);
 * the "pull request" is a JSON record under `<workdir>/local-prs/` with a file:// URL.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { GodwitError } from '../errors.js';
import type { PullRequestRecord } from '../report/run-report.js';
import { gitIn, gitStep, readHeadFile } from '../process/index.js';
import { fetchCommitIntoSource, maybeCheckedOut, readSourceBranch, updateSourceBranch, type SourceBranch } from './local-source.js';
import {
  GODWIT_AUTHOR,
  type ChangeAhead,
  type Forge,
  type GitAuth,
  type PublishRequest,
  type PullRequestInfo,
  type PullRequestStatus,
  type RepoInfo,
  type RepoRef,
} from './types.js';

export const localPullRequestSchema = z.object({
  number: z.number(),
  repo: z.string(),
  branch: z.string(),
  base: z.string(),
  title: z.string(),
  body: z.string(),
  labels: z.array(z.string()),
  state: z.enum(['open', 'draft', 'merged', 'closed']),
  headSha: z.string(),
  diff: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LocalPullRequest = z.infer<typeof localPullRequestSchema>;

export interface LocalForgeOptions {
  /** godwit's workdir; records live in `<workdir>/local-prs/`. */
  workdir: string;
}

async function revParse(dir: string, rev: string): Promise<string | undefined> {
  try {
    return (await gitIn(dir).raw(['rev-parse', '--verify', '--quiet', rev])).trim() || undefined;
  } catch (error) {
    if (error instanceof GodwitError) throw error; // e.g. sandbox-violation
    return undefined;
  }
}

/** What was read ahead for a branch: the source's side of it, and the commit fetched into the source. */
interface ReadAhead {
  branch: Promise<SourceBranch | undefined>;
  fetched?: Promise<string | undefined>;
}

/** Read-aheads never used (the gate failed, nothing is published) are dropped beyond this many. */
const MAX_READ_AHEAD = 64;

export class LocalForge implements Forge {
  readonly kind = 'local' as const;
  private readonly workdir: string;
  private readonly readsAhead = new Map<string, ReadAhead>();

  constructor(options: LocalForgeOptions) {
    this.workdir = path.resolve(options.workdir);
  }

  async resolveRepo(ref: RepoRef): Promise<RepoInfo> {
    if (ref.forge !== 'local') throw new GodwitError('internal', `The local forge cannot serve ${ref.input}`);
    if (!existsSync(path.join(ref.location, '.git'))) {
      throw new GodwitError('repo-invalid', `${ref.location} is not a git repository`, 'Point at the root of a git repository.');
    }
    const file = readHeadFile(ref.location);
    // The branch .git/HEAD names ('' when detached); git only where the file is not that simple.
    const head = (file ? ('branch' in file ? file.branch : '') : undefined) ?? (await gitIn(ref.location).raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => ''));
    return { ...ref, defaultBranch: head.trim() || 'main', archived: false, fork: false, cloneUrl: ref.location };
  }

  gitAuth(): GitAuth {
    return { configArgs: [] };
  }

  /** Folder of a repository's records: its name plus a hash of its path (names collide, paths do not). */
  recordDir(repo: RepoInfo): string {
    const hash = createHash('sha256').update(path.resolve(repo.location)).digest('hex').slice(0, 10);
    const name = path.basename(repo.location).replace(/[^A-Za-z0-9._-]/g, '_');
    return path.join(this.workdir, 'local-prs', `${name}-${hash}`);
  }

  recordFile(repo: RepoInfo, branch: string): string {
    return path.join(this.recordDir(repo), `${branch.replace(/\//g, '__')}.json`);
  }

  private readRecord(repo: RepoInfo, branch: string): LocalPullRequest | undefined {
    const file = this.recordFile(repo, branch);
    if (!existsSync(file)) return undefined;
    const parsed = localPullRequestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new GodwitError('forge-failed', `Corrupt local PR record ${file}`, 'Delete the file; the next run recreates it.');
    return parsed.data;
  }

  private writeRecord(repo: RepoInfo, record: LocalPullRequest): void {
    const file = this.recordFile(repo, record.branch);
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(tmp, file);
  }

  private nextNumber(repo: RepoInfo): number {
    const dir = this.recordDir(repo);
    if (!existsSync(dir)) return 1;
    return readdirSync(dir).filter((f) => f.endsWith('.json')).length + 1;
  }

  private info(repo: RepoInfo, r: LocalPullRequest): PullRequestInfo {
    return { number: r.number, url: pathToFileURL(this.recordFile(repo, r.branch)).href, state: r.state, branch: r.branch, headSha: r.headSha, title: r.title };
  }

  async pushBranch(req: PublishRequest): Promise<{ pushed: boolean; reason?: 'edited-by-human' | 'unchanged' }> {
    const { pushed, reason } = await this.push(req);
    return reason ? { pushed, reason } : { pushed };
  }

  /**
   * Read while the verifiers run: the source's side of the branch (the push is leased on it, so a
   * stale read fails the push instead of overwriting), and, once the gate's commit is made, its
   * objects fetched into the source, so that publishing it is one `update-ref`.
   */
  readAhead(repo: RepoInfo, branch: string, change?: ChangeAhead): void {
    if (this.readsAhead.size >= MAX_READ_AHEAD) this.readsAhead.delete(this.readsAhead.keys().next().value!);
    const source = repo.location;
    const fetched = change?.commit
      .then(async (commit) => {
        if (!commit) return undefined;
        await fetchCommitIntoSource(source, change.workspaceDir, commit);
        return commit;
      })
      .catch(() => undefined);
    this.readsAhead.set(`${source}\0${branch}`, { branch: readSourceBranch(source, branch).catch(() => undefined), ...(fetched ? { fetched } : {}) });
  }

  /** The read-ahead of the branch, taken once: the branch as read, and the commit whose objects are in the source. */
  private async takeReadAhead(source: string, branch: string): Promise<{ existing: SourceBranch; fetched?: string } | undefined> {
    const key = `${source}\0${branch}`;
    const ahead = this.readsAhead.get(key);
    this.readsAhead.delete(key);
    const existing = await ahead?.branch;
    if (!existing) return undefined;
    const fetched = await ahead?.fetched;
    return { existing, ...(fetched ? { fetched } : {}) };
  }

  private async push(req: PublishRequest): Promise<{ pushed: boolean; reason?: 'edited-by-human' | 'unchanged'; head: string }> {
    const ahead = await this.takeReadAhead(req.repo.location, req.branch);
    if (!ahead) return this.pushOver(req, await readSourceBranch(req.repo.location, req.branch));
    try {
      return await this.pushOver(req, ahead.existing, ahead.fetched);
    } catch (error) {
      // The branch moved since it was read ahead (the lease failed): judge it again as it is now.
      if (!(error instanceof GodwitError) || error.code !== 'push-failed') throw error;
      return this.pushOver(req, await readSourceBranch(req.repo.location, req.branch));
    }
  }

  /** Pushes over `existing`, the source's branch as read; `fetched`: a commit whose objects the source has already. */
  private async pushOver(req: PublishRequest, existing: SourceBranch, fetched?: string): Promise<{ pushed: boolean; reason?: 'edited-by-human' | 'unchanged'; head: string }> {
    const source = req.repo.location;
    // The commit to push (the caller's when it knows it).
    const head = req.commit ?? (await revParse(req.workspaceDir, 'HEAD'));
    // A branch checked out there — in the main working tree or a linked one — is never pushed to
    // (and should it be checked out meanwhile, or be the unborn branch of a new HEAD, the
    // receiving git refuses the update: receive.denyCurrentBranch=refuse below).
    if (existing.worktree) {
      throw new GodwitError(
        'push-failed',
        `Branch ${req.branch} is checked out in ${existing.worktree ?? source}; pushing would change its working tree`,
        'Check out another branch in that repository, then run again.',
      );
    }
    if (!head) throw new GodwitError('git-failed', 'The workspace has no commit to push');
    if (existing.commit) {
      if (existing.commit === head) return { pushed: false, reason: 'unchanged', head };
      // Force-push only over godwit's own commits: a human's commit on the branch wins.
      // When the history cannot be read, assume a human's work is there (fail closed).
      const [newTree, log] = await Promise.all([
        revParse(req.workspaceDir, `${head}^{tree}`),
        gitIn(source)
          .raw(['log', '--format=%ae', `refs/heads/${req.base}..${existing.commit}`, '--'])
          .catch(() => undefined),
      ]);
      if (existing.tree && existing.tree === newTree) return { pushed: false, reason: 'unchanged', head };
      const authors = log === undefined ? ['unknown'] : log.split('\n').filter(Boolean);
      if (authors.some((a) => a !== GODWIT_AUTHOR.email)) return { pushed: false, reason: 'edited-by-human', head };
    }
    if (fetched === head && !maybeCheckedOut(source, req.branch)) {
      // Its objects are there: only the branch moves, leased as the push below would be.
      await updateSourceBranch(source, req.branch, head, existing.commit);
      return { pushed: true, head };
    }
    await gitStep(`git push to ${source}`, 'push-failed', () =>
      gitIn(req.workspaceDir).raw([
        'push',
        '--quiet',
        // Over exactly the commit judged above (none: the branch must still not exist); a human's
        // commit pushed meanwhile makes the push fail instead of being overwritten.
        `--force-with-lease=refs/heads/${req.branch}:${existing.commit ?? ''}`,
        '--no-verify',
        // Whatever the source's own configuration says, its checked-out branches are never
        // updated; and no `git gc --auto` there after every push (one process less per job).
        '--receive-pack=git -c receive.denyCurrentBranch=refuse -c receive.autogc=false receive-pack',
        '--',
        source,
        `${head}:refs/heads/${req.branch}`,
      ]),
    );
    return { pushed: true, head };
  }

  async findPullRequest(repo: RepoInfo, branch: string): Promise<PullRequestInfo | undefined> {
    const r = this.readRecord(repo, branch);
    return r ? this.info(repo, r) : undefined;
  }

  async getPullRequestState(repo: RepoInfo, number: number): Promise<PullRequestStatus> {
    const dir = this.recordDir(repo);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    for (const f of files) {
      const r = localPullRequestSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      if (r.number === number) return { ...this.info(repo, r), checks: 'none', reviewDecision: 'none', updatedAt: r.updatedAt };
    }
    throw new GodwitError('forge-failed', `No local pull request #${number} for ${repo.name}`, 'Run `godwit run` for the repository first.');
  }

  async openOrUpdatePullRequest(req: PublishRequest): Promise<PullRequestRecord> {
    const existing = this.readRecord(req.repo, req.branch);
    const base: Pick<PullRequestRecord, 'branch'> = { branch: req.branch };
    if (existing?.state === 'merged') return { ...base, ...this.recordFields(req.repo, existing), action: 'already-merged' };
    if (existing?.state === 'closed' && !req.reopen) return { ...base, ...this.recordFields(req.repo, existing), action: 'closed' };
    const push = await this.push(req);
    if (push.reason === 'edited-by-human') {
      return existing ? { ...base, ...this.recordFields(req.repo, existing), action: 'edited-by-human' } : { ...base, action: 'edited-by-human' };
    }
    const headSha = push.head;
    const diff = req.diff ?? (await gitIn(req.workspaceDir).raw(['diff', '--no-color', '--no-ext-diff', req.base, headSha, '--']));
    const now = new Date().toISOString();
    const state = req.draft ? 'draft' : 'open';
    const record: LocalPullRequest = {
      number: existing?.number ?? this.nextNumber(req.repo),
      repo: req.repo.location,
      branch: req.branch,
      base: req.base,
      title: req.title,
      body: req.body,
      labels: req.labels,
      state,
      headSha,
      diff,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const same =
      existing &&
      existing.state === state &&
      existing.title === record.title &&
      existing.body === record.body &&
      (existing.headSha === headSha || push.reason === 'unchanged');
    if (same) return { ...base, ...this.recordFields(req.repo, existing), action: 'unchanged' };
    if (push.reason === 'unchanged' && existing) record.headSha = existing.headSha;
    this.writeRecord(req.repo, record);
    const action = !existing ? 'created' : existing.state === 'closed' ? 'reopened' : 'updated';
    return { ...base, ...this.recordFields(req.repo, record), action };
  }

  private recordFields(repo: RepoInfo, r: LocalPullRequest): Omit<PullRequestRecord, 'action' | 'branch'> {
    return { url: pathToFileURL(this.recordFile(repo, r.branch)).href, number: r.number, state: r.state, commit: r.headSha };
  }
}
