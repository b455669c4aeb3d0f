/** Workspace operations on real git repositories in temp folders. */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import {
  applyPackageChanges,
  commitAll,
  commitMessage,
  createBranch,
  createRunFolder,
  cloneRepository,
  detectPackageManager,
  diffAgainst,
  installDependencies,
  regenerateLockfile,
  removeRunFolder,
  uncommittedFiles,
} from '../../src/workspace/index.js';
import { GodwitError } from '../../src/errors.js';

let env: TestEnv;
let source: string;
beforeAll(() => {
  env = createTestEnv();
  source = writeFixtureRepo(path.join(env.root, 'source'), { builtinImports: false, eslint: false, files: { 'src/a.ts': 'export const a = 1;\n', 'src/old.ts': 'export const old = 1;\n', 'README.md': '# x\n' } });
});
afterAll(() => env.cleanup());

const installOpts = () => ({ workdir: env.workdir, ignoreScripts: true, timeoutMs: 120_000, maxOutputBytes: 1024 * 1024 });

describe('clone, branch, commit, diff', () => {
  it('clones a path and a file:// URL into a fresh run folder and commits as godwit', async () => {
    const folder = createRunFolder(env.workdir, 'clone-1');
    const cloned = await cloneRepository({ source, dest: folder.repoDir });
    expect(cloned.defaultBranch).toBe('main');
    expect(cloned.head).toBe(git(source, 'rev-parse', 'HEAD'));
    const viaUrl = await cloneRepository({ source: pathToFileURL(source).href, dest: path.join(folder.root, 'url') });
    expect(viaUrl.head).toBe(cloned.head);

    const dir = cloned.dir;
    await createBranch(dir, 'godwit/test');
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD')).toBe('godwit/test');
    expect(await commitAll(dir, 'nothing')).toBeUndefined();

    writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 2;\nexport const b = 3;\n');
    writeFileSync(path.join(dir, 'src/new.ts'), 'export const n = 1;\n');
    renameSync(path.join(dir, 'src/old.ts'), path.join(dir, 'src/renamed.ts'));
    rmSync(path.join(dir, 'README.md'));
    mkdirSync(path.join(dir, 'node_modules/pkg'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/pkg/index.js'), '');
    expect(await uncommittedFiles(dir)).toEqual(['README.md', 'src/a.ts', 'src/new.ts', 'src/old.ts', 'src/renamed.ts']);

    const sha = await commitAll(dir, commitMessage('my-migration', 'Do the thing'));
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(git(dir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%B')).toBe(
      'godwit <godwit@users.noreply.github.com>|godwit <godwit@users.noreply.github.com>|Do the thing\n\nApplied by godwit migration my-migration.',
    );
    const summary = await diffAgainst(dir, cloned.head);
    expect(summary.changedFiles).toEqual([
      { path: 'README.md', status: 'deleted', additions: 0, deletions: 1 },
      { path: 'src/a.ts', status: 'modified', additions: 2, deletions: 1 },
      { path: 'src/new.ts', status: 'added', additions: 1, deletions: 0 },
      { path: 'src/renamed.ts', status: 'renamed', additions: 0, deletions: 0 },
    ]);
    expect(summary.diff).toContain('+export const b = 3;');
    expect(summary.additions).toBe(3);
    removeRunFolder(folder);
    expect(existsSync(folder.root)).toBe(false);
    // It went to <workdir>/trash, which a detached rm empties (with what an earlier one left).
    const trash = path.join(env.workdir, 'trash');
    mkdirSync(path.join(trash, 'left-by-a-killed-rm', 'node_modules'), { recursive: true });
    const other = createRunFolder(env.workdir, 'clone-1b');
    removeRunFolder(other);
    await vi.waitFor(() => expect(readdirSync(trash)).toEqual([]), { timeout: 30_000, interval: 100 });
  });

  it('refuses option-like sources and branches; a failing clone is clone-failed', async () => {
    const folder = createRunFolder(env.workdir, 'clone-2');
    await expect(cloneRepository({ source: '--upload-pack=touch /tmp/pwned', dest: folder.repoDir })).rejects.toMatchObject({ code: 'repo-invalid' });
    await expect(cloneRepository({ source: path.join(env.root, 'missing'), dest: folder.repoDir })).rejects.toMatchObject({ code: 'clone-failed' });
    const cloned = await cloneRepository({ source, dest: folder.repoDir });
    await expect(createBranch(cloned.dir, '--force')).rejects.toBeInstanceOf(GodwitError);
    await expect(createBranch(cloned.dir, 'a..b')).rejects.toBeInstanceOf(GodwitError);
  });

  it('reports the commit and branch git reports: a branch with slashes, a detached source HEAD', async () => {
    const other = writeFixtureRepo(path.join(env.root, 'heads'), { builtinImports: false, eslint: false, files: { 'a.txt': 'a\n' } });
    const expectLikeGit = async (name: string) => {
      const cloned = await cloneRepository({ source: other, dest: createRunFolder(env.workdir, name).repoDir });
      expect({ head: cloned.head, branch: cloned.defaultBranch }).toEqual({ head: git(cloned.dir, 'rev-parse', 'HEAD'), branch: git(cloned.dir, 'rev-parse', '--abbrev-ref', 'HEAD') });
      return cloned;
    };
    git(other, 'checkout', '--quiet', '-b', 'release/2.x');
    writeFileSync(path.join(other, 'a.txt'), 'b\n');
    git(other, 'commit', '--quiet', '-am', 'b');
    expect((await expectLikeGit('heads-1')).defaultBranch).toBe('release/2.x');
    git(other, 'checkout', '--quiet', '--detach');
    await expectLikeGit('heads-2');
  });
});

describe('dependencies', () => {
  it('detects the package manager from the lockfile', () => {
    const dir = path.join(env.root, 'pm');
    mkdirSync(dir, { recursive: true });
    expect(detectPackageManager(dir)).toBeUndefined();
    writeFileSync(path.join(dir, 'package.json'), '{}');
    expect(detectPackageManager(dir)).toEqual({ manager: 'npm', lockfile: undefined, source: 'default' });
    writeFileSync(path.join(dir, 'yarn.lock'), '# yarn lockfile v1\n');
    expect(detectPackageManager(dir)).toEqual({ manager: 'yarn', lockfile: 'yarn.lock', version: 'yarn@1', flavor: 'classic', source: 'lockfile' });
    writeFileSync(path.join(dir, 'pnpm-lock.yaml'), '');
    expect(detectPackageManager(dir)?.manager).toBe('pnpm');
  });

  it('applies package changes, regenerates the npm lockfile offline and installs with npm ci', async () => {
    const folder = createRunFolder(env.workdir, 'deps');
    const { dir } = await cloneRepository({ source, dest: folder.repoDir });
    // A local package: resolvable without any registry.
    mkdirSync(path.join(dir, 'vendor/local-dep'), { recursive: true });
    writeFileSync(path.join(dir, 'vendor/local-dep/package.json'), JSON.stringify({ name: 'local-dep', version: '1.2.3' }));
    const pkgBefore = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkgBefore, dependencies: { 'left-pad': '1.0.0' } }, null, 2) + '\n');

    const applied = applyPackageChanges(dir, { add: { 'local-dep': 'file:./vendor/local-dep' }, addDev: {}, remove: ['left-pad', 'not-there'], upgrade: {} });
    expect(applied).toEqual({ added: { 'local-dep': 'file:./vendor/local-dep' }, removed: ['left-pad'], upgraded: {} });
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toEqual({ 'local-dep': 'file:./vendor/local-dep' });
    expect(applyPackageChanges(dir, { add: { 'local-dep': 'file:./vendor/local-dep' }, addDev: {}, remove: [], upgrade: {} })).toEqual({ added: {}, removed: [], upgraded: {} });

    await regenerateLockfile(dir, 'npm', installOpts());
    const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages)).toContain('node_modules/local-dep');
    await installDependencies(dir, detectPackageManager(dir)!, installOpts());
    expect(existsSync(path.join(dir, 'node_modules/local-dep/package.json'))).toBe(true);
    expect(existsSync(path.join(env.workdir, 'cache/npm'))).toBe(true);
    // node_modules never counts as a change.
    expect((await uncommittedFiles(dir)).some((f) => f.startsWith('node_modules'))).toBe(false);
  });

  it('a lockfile that does not match package.json is install-failed with the reason', async () => {
    const folder = createRunFolder(env.workdir, 'bad-install');
    const { dir } = await cloneRepository({ source, dest: folder.repoDir });
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, dependencies: { 'some-missing-dep': 'file:./nowhere' } }));
    const error = await installDependencies(dir, detectPackageManager(dir)!, installOpts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    expect((error as GodwitError).code).toBe('install-failed');
    expect((error as GodwitError).message).toMatch(/npm ci .*exited with/);
    expect((error as GodwitError).hint).toMatch(/package-lock.json does not match its package.json: run `npm install`/);
  });
});

describe('run folders', () => {
  it('turn any run id into a safe folder under <workdir>/runs', () => {
    expect(createRunFolder(env.workdir, '{godwit}:job/42').root).toBe(path.join(env.workdir, 'runs', '_godwit__job_42'));
    expect(createRunFolder(env.workdir, '..').root).toBe(path.join(env.workdir, 'runs', '_'));
  });
});

describe('install commands', () => {
  it('are lockfile-driven, script-free and use the shared cache; without a lockfile none is written', async () => {
    const { installCommand, lockfileCommand } = await import('../../src/workspace/install.js');
    const cache = path.join(env.workdir, 'cache');
    expect(installCommand({ manager: 'npm', lockfile: 'package-lock.json' }, { workdir: env.workdir, ignoreScripts: true })).toEqual([
      'npm',
      ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--cache', path.join(cache, 'npm'), '--loglevel', 'error'],
    ]);
    expect(installCommand({ manager: 'npm', lockfile: undefined }, { workdir: env.workdir, ignoreScripts: false })[1].slice(0, 2)).toEqual(['install', '--no-package-lock']);
    expect(installCommand({ manager: 'pnpm', lockfile: 'pnpm-lock.yaml' }, { workdir: env.workdir, ignoreScripts: true })[1]).toEqual(
      expect.arrayContaining(['--frozen-lockfile', '--ignore-scripts', '--store-dir', path.join(cache, 'pnpm')]),
    );
    expect(installCommand({ manager: 'yarn', lockfile: 'yarn.lock' }, { workdir: env.workdir, ignoreScripts: true })[1]).toEqual(
      expect.arrayContaining(['--frozen-lockfile', '--ignore-scripts', '--cache-folder', path.join(cache, 'yarn')]),
    );
    expect(lockfileCommand('npm', { workdir: env.workdir })[1].slice(0, 2)).toEqual(['install', '--package-lock-only']);
    expect(lockfileCommand('pnpm', { workdir: env.workdir })[1]).toContain('--lockfile-only');
  });
});
