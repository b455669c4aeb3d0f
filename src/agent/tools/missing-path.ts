/**
 * "Did you mean": when the model names a file that does not exist, the answer lists real
 * files with the same name or a similar path, so a model that guessed a path can recover
 * in one step instead of guessing again.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { lineSimilarity } from './apply-edit.js';

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next']);
const MAX_FILES = 20_000;

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    if (out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(path.join(dir, e.name), r);
      } else if (e.isFile()) out.push(r);
    }
  };
  walk(root, '');
  return out;
}

const stem = (p: string): string => path.posix.basename(p).replace(/\.[cm]?[jt]sx?$/, '');

/** Up to `count` existing repository files that look like what `wanted` meant. */
export function similarPaths(root: string, wanted: string, count = 5): string[] {
  const files = listFiles(root);
  const wantedStem = stem(wanted);
  const scored = files.map((f) => {
    const sameStem = stem(f) === wantedStem ? 1 : 0;
    return { f, score: sameStem + lineSimilarity(f, wanted) };
  });
  return scored
    .filter((s) => s.score >= 0.45)
    .sort((a, b) => b.score - a.score || a.f.localeCompare(b.f))
    .slice(0, count)
    .map((s) => s.f);
}

export function missingFileMessage(root: string, rel: string, extra = ''): string {
  const similar = similarPaths(root, rel);
  const hint = similar.length ? ` Files with a similar path: ${similar.join(', ')}.` : ' No file with a similar path exists.';
  return `Error: ${rel} does not exist.${hint}${extra}`;
}
