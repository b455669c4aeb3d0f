/**
 * A fresh clone's branch and HEAD written as files instead of a `git checkout -B` or `git
 * update-ref` process (each costs 5–40 ms on a 2-core machine, issue 17). Only in git's plain
 * "files" ref store, and only the simple cases: a loose ref written through a `.lock` file and a
 * rename, as git writes it. Anything else (reftable, a `.lock` left behind, a folder or file in
 * the way, `.git` a file) returns false and the caller asks git.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { OBJECT_ID, readHeadFile } from '../process/index.js';

function filesRefStore(gitDir: string): boolean {
  return statSync(path.join(gitDir, 'refs', 'heads'), { throwIfNoEntry: false })?.isDirectory() === true && !statSync(path.join(gitDir, 'reftable'), { throwIfNoEntry: false });
}

/** Writes `content` to `file` through `file.lock` (created exclusively) and a rename; false when that cannot be done. */
function writeLocked(file: string, content: string): boolean {
  const lock = `${file}.lock`;
  let fd: number;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    fd = openSync(lock, 'wx');
  } catch {
    return false;
  }
  try {
    writeSync(fd, content);
    closeSync(fd);
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new Error('a folder is in the way');
    renameSync(lock, file);
    return true;
  } catch {
    rmSync(lock, { force: true });
    return false;
  }
}

function validBranch(branch: string): boolean {
  return /^[A-Za-z0-9._/-]+$/.test(branch) && !branch.split('/').some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock'));
}

/** The file HEAD's commit is in (its branch's loose ref, or HEAD itself when detached), and that commit. */
function headRefFile(gitDir: string, dir: string): { file: string; commit: string } | undefined {
  const head = readHeadFile(dir);
  if (!head || ('branch' in head && !validBranch(head.branch))) return undefined;
  const file = 'branch' in head ? path.join(gitDir, 'refs', 'heads', head.branch) : path.join(gitDir, 'HEAD');
  try {
    const commit = readFileSync(file, 'utf8').trim();
    return OBJECT_ID.test(commit) ? { file, commit } : undefined;
  } catch {
    return undefined;
  }
}

/** HEAD's commit read from the ref files; undefined when it cannot be read that way. */
export function headCommitByFiles(dir: string): string | undefined {
  const gitDir = path.join(dir, '.git');
  return filesRefStore(gitDir) ? headRefFile(gitDir, dir)?.commit : undefined;
}

/** `git checkout -B branch` when HEAD is at `commit` (a fresh clone: index and files stay): the ref, then HEAD. */
export function checkoutNewBranchByFiles(dir: string, branch: string, commit: string): boolean {
  const gitDir = path.join(dir, '.git');
  if (!validBranch(branch) || !filesRefStore(gitDir) || headRefFile(gitDir, dir)?.commit !== commit) return false;
  return writeLocked(path.join(gitDir, 'refs', 'heads', branch), `${commit}\n`) && writeLocked(path.join(gitDir, 'HEAD'), `ref: refs/heads/${branch}\n`);
}

/**
 * Moves HEAD (its branch, or HEAD itself when detached) from `from` to `to`, as `git update-ref
 * HEAD to from` does; false when HEAD is not a loose ref at `from`.
 */
export function advanceHeadByFiles(dir: string, from: string, to: string): boolean {
  const gitDir = path.join(dir, '.git');
  if (!OBJECT_ID.test(to) || !filesRefStore(gitDir)) return false;
  const head = headRefFile(gitDir, dir);
  return head?.commit === from && writeLocked(head.file, `${to}\n`);
}
