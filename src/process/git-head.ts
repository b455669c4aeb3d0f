/**
 * `.git/HEAD` read as a file instead of a `git symbolic-ref` / `rev-parse` process (each costs
 * 15–40 ms on a 2-core machine, issue 17). Only the plain forms are understood — `ref:
 * refs/heads/<branch>` or a detached object id; anything else (`.git` a file as in a linked
 * worktree, reftable's placeholder branch, an unexpected format) is undefined and the caller asks git.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export type HeadFile = { branch: string } | { detached: string };

export function readHeadFile(repo: string): HeadFile | undefined {
  return readHead(path.join(repo, '.git', 'HEAD'));
}

/** A HEAD file anywhere (a linked worktree's is `.git/worktrees/<name>/HEAD`), read as `readHeadFile` reads one. */
export function readHead(headFile: string): HeadFile | undefined {
  let text: string;
  try {
    text = readFileSync(headFile, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (OBJECT_ID.test(text)) return { detached: text };
  const branch = /^ref: refs\/heads\/(\S+)$/.exec(text)?.[1];
  if (!branch || branch === '.invalid' || branch.split('/').some((part) => part === '..' || part.startsWith('.'))) return undefined;
  return { branch };
}
