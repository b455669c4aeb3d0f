/**
 * A fresh folder per run under `<workdir>/runs/<runId>`; the repository is cloned into its
 * `repo` subfolder. Never the user's own tree.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { releaseGitDir } from '../process/index.js';

export interface RunFolder {
  /** `<workdir>/runs/<runId>` — removed after the run unless kept. */
  root: string;
  /** Where the repository is cloned. */
  repoDir: string;
}

export function createRunFolder(workdir: string, runId: string): RunFolder {
  // Fleet job ids may hold `:` or `/`; the folder name keeps only safe characters.
  const safe = runId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'run';
  const root = path.join(path.resolve(workdir), 'runs', safe);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  return { root, repoDir: path.join(root, 'repo') };
}

export function removeRunFolder(folder: RunFolder): void {
  releaseGitDir(folder.repoDir);
  rmSync(folder.root, { recursive: true, force: true, maxRetries: 3 });
}

/** The shared package-manager cache of this worker. */
export function cacheDir(workdir: string, manager: string): string {
  const dir = path.join(path.resolve(workdir), 'cache', manager);
  mkdirSync(dir, { recursive: true });
  return dir;
}
