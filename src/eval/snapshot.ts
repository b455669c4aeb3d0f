/** A RepoSnapshot over a plain folder (eval's temporary repositories). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RepoSnapshot } from '../catalog/definition.js';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** Repository-relative POSIX paths of every file under `dir`, except .git and node_modules. */
export function walkFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walkFiles(dir, child));
    else if (entry.isFile()) out.push(child);
  }
  return out.sort();
}

export function folderSnapshot(dir: string): RepoSnapshot {
  const pkgPath = path.join(dir, 'package.json');
  let packageJson: Record<string, unknown> | undefined;
  if (existsSync(pkgPath)) {
    try {
      packageJson = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, unknown>;
    } catch {
      packageJson = undefined;
    }
  }
  return {
    dir,
    packageJson,
    async listFiles(globs?: string | string[]): Promise<string[]> {
      const files = walkFiles(dir);
      if (globs === undefined) return files;
      const match = picomatch(globs, { dot: true });
      return files.filter((f) => match(f));
    },
    readFile: (file: string) => readFile(path.join(dir, file), 'utf8'),
  };
}
