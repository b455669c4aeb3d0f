/**
 * The change under review: a base commit against the working tree, untracked files included
 * (as additions), without touching the index. Guards and the judge read it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { newFilePatch } from '../../diff/index.js';
import { runGit } from '../../process/index.js';

const MAX_UNTRACKED_BYTES = 1024 * 1024;

async function git(dir: string, args: string[]): Promise<string> {
  return (await runGit(dir, args, { keepTrailingNewline: true })).stdout;
}

/** Unified diff of `base` (default HEAD) against the working tree, plus untracked files. */
export async function workingTreeDiff(dir: string, base = 'HEAD'): Promise<string> {
  const tracked = await git(dir, ['diff', '--no-color', '--no-ext-diff', base, '--']);
  const untracked = (await git(dir, ['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean);
  const patches = untracked.map((rel) => {
    const abs = path.join(dir, rel);
    let text: string;
    try {
      text = statSync(abs).size > MAX_UNTRACKED_BYTES ? '(file too large to show)\n' : readFileSync(abs, 'utf8');
    } catch {
      return '';
    }
    return newFilePatch(rel, text);
  });
  return [tracked, ...patches]
    .filter((p) => p.trim())
    .map((p) => (p.endsWith('\n') ? p : `${p}\n`))
    .join('');
}
