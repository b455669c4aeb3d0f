/** Clones a repository (local path, file:// URL or https URL) into a fresh folder. */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GodwitError } from '../errors.js';
import type { GitAuth } from '../forge/types.js';
import { GODWIT_AUTHOR } from '../forge/types.js';
import { gitIn, gitStep, OBJECT_ID, protectGitDir, readHeadFile } from '../process/index.js';

export interface CloneOptions {
  /** Path, file:// URL or https URL (no credentials: those come through `auth`). */
  source: string;
  dest: string;
  auth?: GitAuth;
  signal?: AbortSignal | undefined;
}

export interface ClonedRepo {
  dir: string;
  /** The branch checked out after the clone (the source's default branch). */
  defaultBranch: string;
  head: string;
}

/**
 * HEAD of a clone git has just written, from its files instead of a `git rev-parse` process: the
 * branch `.git/HEAD` names, whose loose ref holds the commit (a fresh clone writes it loose).
 * Undefined for anything else — a packed or reftable ref, an unexpected format — and the caller asks git.
 */
function readFreshHead(dir: string): { head: string; defaultBranch: string } | undefined {
  const head = readHeadFile(dir);
  if (!head) return undefined;
  if ('detached' in head) return { head: head.detached, defaultBranch: 'HEAD' }; // as rev-parse --abbrev-ref says
  try {
    const commit = readFileSync(path.join(dir, '.git', 'refs', 'heads', head.branch), 'utf8').trim();
    return OBJECT_ID.test(commit) ? { head: commit, defaultBranch: head.branch } : undefined;
  } catch {
    return undefined;
  }
}

export async function cloneRepository(options: CloneOptions): Promise<ClonedRepo> {
  if (options.source.startsWith('-')) {
    throw new GodwitError('repo-invalid', `Refusing to clone "${options.source}": it looks like an option`, 'Give a path or a URL.');
  }
  mkdirSync(path.dirname(options.dest), { recursive: true });
  const parent = gitIn(path.dirname(options.dest), { config: options.auth?.configArgs ?? [], ...(options.signal ? { signal: options.signal } : {}) });
  // The fixed identity godwit commits with (not a secret; publishing recognises it), written into
  // the new clone's .git/config by the clone itself (no extra git calls).
  const identity = [`user.name=${GODWIT_AUTHOR.name}`, `user.email=${GODWIT_AUTHOR.email}`, 'commit.gpgsign=false'].flatMap((c) => ['--config', c]);
  // --template= (none): no sample hooks to write now and to fingerprint before every later git call
  // (git-integrity.ts); the empty hooks and info folders are made here.
  await gitStep(`git clone ${options.source}`, 'clone-failed', () =>
    parent.raw(['clone', '--quiet', '--no-recurse-submodules', '--template=', ...identity, '--', options.source, options.dest]),
  );
  for (const sub of ['hooks', 'info']) mkdirSync(path.join(options.dest, '.git', sub), { recursive: true });
  const git = gitIn(options.dest);
  // Installed dependencies are never part of a change, even when the repository forgot to ignore them.
  appendFileSync(path.join(options.dest, '.git', 'info', 'exclude'), '\n/node_modules/\nnode_modules/\n');
  // No filter, diff or merge driver named by the repository's .gitattributes ever runs for godwit's git
  // (info/attributes wins over .gitattributes; "!attr" makes it unspecified).
  appendFileSync(path.join(options.dest, '.git', 'info', 'attributes'), '* !filter !diff !merge\n');
  let fresh = readFreshHead(options.dest);
  if (!fresh) {
    // One call: the commit, then (after --abbrev-ref) the branch name.
    const [head = '', defaultBranch = ''] = (await gitStep('git rev-parse', 'git-failed', () => git.raw(['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD']))).trim().split('\n');
    fresh = { head, defaultBranch };
  }
  const { head, defaultBranch } = fresh;
  // From here on .git/config and .git/hooks must stay as they are now (git-integrity.ts).
  protectGitDir(options.dest);
  return { dir: options.dest, defaultBranch, head };
}
