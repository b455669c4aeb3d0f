/**
 * The first steps of every prepare (the pipeline's and a follow-up round's): parse the
 * reference, pick the forge, resolve the repository, then clone it into a fresh run folder.
 * Each is recorded on the context as soon as it is known, so that the report and the clean-up
 * see it even when a later step throws.
 */
import type { Forge, RepoInfo, RepoRef } from '../forge/types.js';
import { forgeFor } from '../forge/index.js';
import { parseRepoRef } from '../forge/repo-ref.js';
import { cloneRepository, createRunFolder, type ClonedRepo, type RunFolder } from '../workspace/index.js';
import type { JobContext } from './context.js';

export interface ResolvedRepository {
  repoRef: RepoRef;
  forge: Forge;
  repo: RepoInfo;
}

export async function resolveRepository(ctx: JobContext): Promise<ResolvedRepository> {
  const repoRef = parseRepoRef(ctx.options.repo, { githubApiUrl: ctx.config.github.apiUrl });
  ctx.repoRef = repoRef;
  const forge = ctx.options.forge ?? forgeFor(repoRef, ctx.config);
  ctx.forge = forge;
  const repo = await forge.resolveRepo(repoRef);
  ctx.repo = repo;
  return { repoRef, forge, repo };
}

export interface ClonedRepository {
  folder: RunFolder;
  cloned: ClonedRepo;
  /** The clone's default branch (the forge's when the clone has a detached HEAD). */
  baseBranch: string;
}

export async function cloneIntoRunFolder(ctx: JobContext, { forge, repo }: ResolvedRepository): Promise<ClonedRepository> {
  const folder = createRunFolder(ctx.config.workdir, ctx.runId);
  ctx.folder = folder;
  if (ctx.options.keepWorkdir) ctx.log('info', `workspace: ${folder.repoDir}`);
  const cloned = await cloneRepository({ source: repo.cloneUrl, dest: folder.repoDir, auth: forge.gitAuth(repo), signal: ctx.signal });
  const baseBranch = cloned.defaultBranch === 'HEAD' ? repo.defaultBranch : cloned.defaultBranch;
  ctx.dir = cloned.dir;
  ctx.baseBranch = baseBranch;
  return { folder, cloned, baseBranch };
}
