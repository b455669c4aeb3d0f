/**
 * A RepoSnapshot over a workspace: tracked files via `git ls-files` (or the list given, for a
 * folder that is no git repository, such as an eval case's), reads confined to the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RepoSnapshot } from './definition.js';

async function trackedFiles(dir: string): Promise<string[]> {
  // Loaded on first use: a snapshot over a listed folder (eval) never runs git.
  const { runGit } = await import('../process/index.js');
  const { stdout } = await runGit(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { keepTrailingNewline: true });
  return stdout
    .split('\0')
    .filter((f) => f !== '' && !f.split('/').includes('node_modules'))
    .sort();
}

export function createRepoSnapshot(dir: string, listed?: ReadonlyArray<string>): RepoSnapshot {
  const root = path.resolve(dir);
  let files: Promise<string[]> | undefined = listed ? Promise.resolve(listed.filter((f) => !f.split('/').includes('node_modules')).sort()) : undefined;
  const pkgFile = path.join(root, 'package.json');
  let packageJson: Record<string, unknown> | undefined;
  if (existsSync(pkgFile)) {
    try {
      packageJson = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
    } catch {
      packageJson = undefined;
    }
  }
  return {
    dir: root,
    packageJson,
    async listFiles(globs?: string | string[]): Promise<string[]> {
      files ??= trackedFiles(root);
      const all = await files;
      if (globs === undefined) return all;
      const match = picomatch(globs, { dot: true });
      return all.filter((f) => match(f));
    },
    async readFile(file: string): Promise<string> {
      const abs = path.resolve(root, file);
      if (abs !== root && !abs.startsWith(root + path.sep)) throw new Error(`${file} is outside the repository`);
      return readFile(abs, 'utf8');
    },
  };
}
