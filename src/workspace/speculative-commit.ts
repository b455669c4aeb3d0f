/**
 * The gate's commit, made while the verifiers run instead of after them (issue 17: four git
 * processes off the job's critical path). The verifiers may write into the working tree while
 * `git add` reads it, so the commit is only taken when its diff against the base holds exactly
 * the files snapshotted before the verifiers started, each with the snapshot's bytes (blob id
 * computed here) and mode. Anything else — a file a verifier wrote, a clean/eol filter that makes
 * the blob differ from the bytes, a symlink, a rename git pairs differently — and the caller
 * commits after the verifiers as before. HEAD moves only when the commit is taken.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { gitIn, gitStep } from '../process/index.js';
import { commitWithoutHead } from './commit.js';
import { diffWithBlobs, type DiffBlobs, type DiffSummary } from './diff.js';
import { advanceHeadByFiles, headCommitByFiles } from './ref-files.js';
import type { WorkingTreeSnapshot } from './restore.js';

export interface SpeculativeCommit {
  commit: string;
  summary: DiffSummary;
  blobs: DiffBlobs;
}

/** Each snapshotted file's git mode before the verifiers (undefined: deleted, or not a regular file). */
export type SnapshotModes = Map<string, string | undefined>;

export function snapshotModes(dir: string, snapshot: WorkingTreeSnapshot): SnapshotModes {
  const modes: SnapshotModes = new Map();
  for (const [file, content] of snapshot) {
    const st = content === null ? undefined : lstatSync(path.join(dir, file), { throwIfNoEntry: false });
    modes.set(file, st?.isFile() ? (st.mode & 0o100 ? '100755' : '100644') : undefined);
  }
  return modes;
}

/** git's whitespace clean-up of a `commit -m` message, which `commit-tree` does not do. */
function cleanMessage(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Commits the working tree on the base commit without moving HEAD, and diffs it against the
 * base. Undefined when HEAD is not the base commit (a PR branch's follow-up round) or git failed.
 */
export async function commitAhead(dir: string, base: string, message: string, signal?: AbortSignal): Promise<SpeculativeCommit | undefined> {
  if (headCommitByFiles(dir) !== base) return undefined;
  try {
    const commit = await commitWithoutHead(dir, base, cleanMessage(message), signal);
    const { summary, blobs } = await diffWithBlobs(dir, base, commit);
    return { commit, summary, blobs };
  } catch {
    return undefined;
  }
}

function blobId(content: Buffer, idLength: number): string {
  return createHash(idLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/** True when the commit changes exactly the snapshot's files, to exactly the snapshot's bytes and modes. */
export function matchesSnapshot(spec: SpeculativeCommit, snapshot: WorkingTreeSnapshot, modes: SnapshotModes): boolean {
  if (spec.blobs.size !== snapshot.size) return false;
  for (const [file, content] of snapshot) {
    if (!spec.blobs.has(file)) return false;
    const side = spec.blobs.get(file)!;
    if (content === null || side === null) {
      if (content !== null || side !== null) return false;
      continue;
    }
    if (side.mode !== modes.get(file) || side.blob !== blobId(content, side.blob.length)) return false;
  }
  return true;
}

/** Points HEAD (its branch) at the commit, from the base it was made on. */
export async function takeCommit(dir: string, base: string, commit: string): Promise<void> {
  if (advanceHeadByFiles(dir, base, commit)) return;
  await gitStep('git update-ref', 'git-failed', () => gitIn(dir).raw(['update-ref', 'HEAD', commit, base]));
}
