/**
 * A fresh folder per run under `<workdir>/runs/<runId>`; the repository is cloned into its
 * `repo` subfolder. Never the user's own tree.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

/**
 * Takes the run folder out of `<workdir>/runs` at once (a rename into `<workdir>/trash`) and
 * deletes it in a detached `rm -rf` that may outlive this process: on a loaded machine deleting
 * an installed node_modules took 3–17 s (bench/real), which no result has to wait for. The
 * same `rm` takes whatever an earlier, killed one left in the trash. Where the rename or the
 * spawn fails, the folder is deleted here, synchronously, as before.
 */
export function removeRunFolder(folder: RunFolder): void {
  releaseGitDir(folder.repoDir);
  const trash = path.join(path.dirname(path.dirname(folder.root)), 'trash');
  const target = path.join(trash, `${path.basename(folder.root)}-${randomUUID().slice(0, 8)}`);
  try {
    mkdirSync(trash, { recursive: true });
    renameSync(folder.root, target);
  } catch {
    rmSync(folder.root, { recursive: true, force: true, maxRetries: 3 });
    return;
  }
  sweepTrash(trash);
}

/** Trash folders with an `rm` running, and those that got more while it ran. */
const sweeping = new Set<string>();
const sweepAgain = new Set<string>();

/**
 * Deletes everything in `trash` in one detached `rm -rf`, started after the current job's result
 * is out (spawning forks this large process: milliseconds of its main thread) and never two at a
 * time for the same folder: what arrives while one runs is taken by the next.
 */
function sweepTrash(trash: string): void {
  if (sweeping.has(trash)) {
    sweepAgain.add(trash);
    return;
  }
  sweeping.add(trash);
  setImmediate(() => {
    const done = (): void => {
      sweeping.delete(trash);
      if (sweepAgain.delete(trash)) sweepTrash(trash);
    };
    let entries: string[] = [];
    // Without rm, here and synchronously, as before.
    const fallback = (): void => entries.forEach((dir) => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
    try {
      entries = readdirSync(trash).map((name) => path.join(trash, name));
      if (entries.length === 0) return done();
      const rm = spawn('rm', ['-rf', '--', ...entries], { detached: true, stdio: 'ignore' });
      rm.on('error', () => {
        fallback();
        done();
      });
      rm.on('exit', done);
      rm.unref();
    } catch {
      fallback();
      done();
    }
  });
}

/** The shared package-manager cache of this worker. */
export function cacheDir(workdir: string, manager: string): string {
  const dir = path.join(path.resolve(workdir), 'cache', manager);
  mkdirSync(dir, { recursive: true });
  return dir;
}
