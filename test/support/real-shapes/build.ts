/**
 * Builds a repository shaped like a real one (test/support/real-shapes/*.ts) into a git
 * repository with a real lockfile and real dependencies from the npm registry, once per
 * machine: the template lives under the OS temp dir (or GODWIT_REAL_SHAPES_DIR) keyed by a hash
 * of the shape, its
 * package manager's caches are the shared test cache (test/support/package-cache.ts), and its
 * baseline — every check the repository declares, run with its own package manager — must be
 * green before the template is kept. Tests copy the template (without node_modules) per run.
 *
 * Nothing here links godwit's own node_modules: the repositories install what they declare,
 * as they would under the sandbox.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectPackageManager } from '../../../src/workspace/package-manager.js';
import { packageManagerCommand, runScriptCommand, type PackageManagerCommand } from '../../../src/workspace/pm-commands.js';
import { SHARED_PACKAGE_CACHE } from '../package-cache.js';

export interface RepoShape {
  /** Folder and package name. */
  name: string;
  /** One line: what real repository this is shaped like. */
  description: string;
  /** Every file of the repository except the lockfile (package.json included). */
  files: Record<string, string>;
  /** The scripts the repository's own CI runs, in order (its "checks"). */
  checks: string[];
  /** npm only: its developers install with --legacy-peer-deps (a peer-dependency conflict). */
  legacyPeerDeps?: boolean;
}

/** Bumped when the builder itself changes what a template holds. */
const BUILDER_VERSION = 1;

/** Where templates are kept between runs; GODWIT_REAL_SHAPES_DIR points elsewhere (an empty folder: a cold build). */
export const TEMPLATE_ROOT = process.env.GODWIT_REAL_SHAPES_DIR ?? path.join(os.tmpdir(), 'godwit-real-shapes');

/** A folder whose `cache` is the shared package cache (godwit's `<workdir>/cache/<manager>` layout). */
function cacheWorkdir(): string {
  const workdir = path.join(TEMPLATE_ROOT, 'workdir');
  mkdirSync(SHARED_PACKAGE_CACHE, { recursive: true });
  mkdirSync(workdir, { recursive: true });
  const link = path.join(workdir, 'cache');
  if (!existsSync(link)) {
    try {
      execFileSync('ln', ['-s', SHARED_PACKAGE_CACHE, link]);
    } catch {
      // another worker made it
    }
  }
  return workdir;
}

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: gitEnv() }).trim();
}

/** Environment for the repository's own commands: no trace of godwit's node_modules/.bin on PATH. */
function repoEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((p) => !p.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH, CI: 'true', ...extra };
  // vitest (running this test) sets these; the repository's own runner must not inherit them.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key.startsWith('npm_')) delete env[key];
  env.NODE_ENV = 'test';
  return env;
}

/** Runs a command of the repository without blocking the event loop (several builds and runs share one test process). */
function exec(command: PackageManagerCommand, cwd: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command.file, command.args, { cwd, encoding: 'utf8', env: repoEnv(command.env), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      reject(new Error(`${what} failed in ${cwd}: ${command.display}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`, { cause: error }));
    });
    child.stdin?.end(); // nothing to read: a prompt fails instead of waiting
  });
}

/** Installs the repository's dependencies from its lockfile (as its CI would, scripts on). */
export async function installRepo(dir: string, legacyPeerDeps = false): Promise<void> {
  const pm = detectPackageManager(dir);
  if (!pm) throw new Error(`${dir} has no package.json`);
  await exec(packageManagerCommand(pm, 'install', { workdir: cacheWorkdir(), ignoreScripts: false, legacyPeerDeps, verifySignatures: false }), dir, 'install');
}

/** Runs the repository's checks with its own package manager; throws with the output of the first red one. */
export async function runChecks(dir: string, checks: string[]): Promise<void> {
  const pm = detectPackageManager(dir);
  for (const script of checks) await exec(runScriptCommand(pm, script, { workdir: cacheWorkdir(), ignoreScripts: false, verifySignatures: false }), dir, `check ${script}`);
}

export function shapeKey(shape: RepoShape): string {
  return createHash('sha256').update(JSON.stringify({ BUILDER_VERSION, shape })).digest('hex').slice(0, 12);
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

/**
 * The template of `shape`: a git repository (one commit on main, lockfile included) with its
 * dependencies installed and its checks green. Built on the first call on this machine.
 */
export async function buildTemplate(shape: RepoShape): Promise<string> {
  const dir = path.join(TEMPLATE_ROOT, `${shape.name}-${shapeKey(shape)}`);
  if (existsSync(path.join(dir, '.git', 'godwit-template-ready'))) return dir;
  mkdirSync(TEMPLATE_ROOT, { recursive: true });
  const work = mkdtempSync(path.join(TEMPLATE_ROOT, `.build-${shape.name}-`));
  try {
    writeFiles(work, shape.files);
    const pm = detectPackageManager(work)!;
    // What the repository's developers did once: resolve and write the lockfile.
    await exec(packageManagerCommand(pm, 'lockfile', { workdir: cacheWorkdir(), ignoreScripts: true, legacyPeerDeps: shape.legacyPeerDeps, verifySignatures: false }), work, 'lockfile');
    await installRepo(work, shape.legacyPeerDeps);
    await runChecks(work, shape.checks);
    git(work, 'init', '--quiet', '--initial-branch=main');
    git(work, 'add', '--all');
    git(work, 'commit', '--quiet', '-m', `${shape.name}: initial`);
    writeFileSync(path.join(work, '.git', 'godwit-template-ready'), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    if (existsSync(path.join(dir, '.git', 'godwit-template-ready'))) return dir; // a concurrent build won
    throw error;
  }
  return dir;
}

/**
 * The shape's files alone as a one-commit git repository at `dir`: no lockfile, no install, no
 * network. Enough for runs that end before any install (applicability and the pre-scan read the
 * sources and package.json, never the lockfile or node_modules).
 */
export function buildSources(shape: RepoShape, dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, shape.files);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', `${shape.name}: initial`);
  return dir;
}

/** A copy of the template's repository (history and working tree, no node_modules) at `dest`. */
export function copyRepo(template: string, dest: string): string {
  cpSync(template, dest, { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  return dest;
}
