/**
 * Hostile repository content through the real pipeline: binary and non-UTF-8 files, a 50 MB
 * file, symlinks out of the repository and symlink loops, a tsconfig that includes files
 * outside the repository, a submodule whose URL is a command, a `.gitattributes` filter, and
 * install scripts that write outside their folder (installs run with --ignore-scripts). The
 * run completes, the change is right, nothing outside the workspace is touched or run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/pipeline/run-job.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';
import { codemodMigration, greetingRepo, runFolders } from './helpers.js';

let env: TestEnv;
let outside: string;

beforeAll(() => {
  env = createTestEnv();
  outside = mkdtempSync(path.join(os.tmpdir(), 'godwit-resilience-content-'));
});
afterAll(() => {
  env.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '--all');
  git(dir, 'commit', '-q', '-m', message);
}

describe('hostile repository content', () => {
  it('binary, non-UTF-8 and 50 MB files, symlink loops and a .gitattributes filter: the run verifies and changes only the source', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    const repo = greetingRepo(path.join(env.root, 'content'), {
      '.gitattributes': '* filter=evil diff=evil merge=evil\n*.ts text eol=lf\n',
    });
    mkdirSync(path.join(repo, 'assets'));
    writeFileSync(path.join(repo, 'assets', 'logo.png'), binary);
    // Latin-1, not UTF-8, and it holds the codemod's target text.
    const legacy = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9, 0x20, 0xa0]), Buffer.from('\nexport const legacy = "Hello";\n')]);
    writeFileSync(path.join(repo, 'src', 'legacy.ts'), legacy);
    // 50 MB, compressible so the fixture is quick to commit.
    writeFileSync(path.join(repo, 'assets', 'big.bin'), Buffer.alloc(50 * 1024 * 1024, 'Hello '));
    writeFileSync(path.join(repo, 'src', 'generated.js'), `export const table = ${JSON.stringify('Hello '.repeat(300_000))};\n`);
    symlinkSync('loop-b', path.join(repo, 'loop-a'));
    symlinkSync('loop-a', path.join(repo, 'loop-b'));
    symlinkSync('self', path.join(repo, 'src', 'self'));
    commitAll(repo, 'hostile content');

    const report = await runJob({ migration: codemodMigration(), repo, config: env.config, install: false });
    expect(report.status, report.reason).toBe('unverified');
    const changed = report.changedFiles.map((f) => f.path).sort();
    expect(changed).toContain('src/greet.ts');
    expect(changed).not.toContain('assets/big.bin');
    expect(changed).not.toContain('assets/logo.png');
    // The Latin-1 file is not rewritten (ts-morph would turn its bytes into U+FFFD); a warning says so.
    expect(changed).not.toContain('src/legacy.ts');
    expect(execFileSync('git', ['show', 'godwit/say-hi:src/legacy.ts'], { cwd: repo }).equals(legacy)).toBe(true);
    expect(report.logs.some((l) => l.level === 'warn' && /legacy\.ts not written: the file is not UTF-8/.test(l.message))).toBe(true);
    // The binary and the 50 MB file are unchanged on the branch.
    expect(git(repo, 'diff', '--stat', 'main', 'godwit/say-hi', '--', 'assets')).toBe('');
    expect(JSON.stringify(report).length).toBeLessThan(2 * 1024 * 1024);
    expect(runFolders(env.workdir)).toEqual([]);
  }, 180_000);

  it('a symlinked source file and a tsconfig including files outside the repository: nothing outside is rewritten', async () => {
    const victim = path.join(outside, 'victim.ts');
    const included = path.join(outside, 'included.ts');
    writeFileSync(victim, 'export const outsideGreeting = "Hello from outside";\n');
    writeFileSync(included, 'export const alsoOutside = "Hello again";\n');
    const repo = greetingRepo(path.join(env.root, 'linked'), {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, allowJs: true }, include: ['src', `${outside}/**/*`, '../**/included.ts'] }),
    });
    symlinkSync(victim, path.join(repo, 'src', 'linked.ts'));
    symlinkSync(outside, path.join(repo, 'src', 'outside-dir'));
    commitAll(repo, 'symlinks out of the repository');

    const report = await runJob({ migration: codemodMigration(), repo, config: env.config, install: false });
    expect(readFileSync(victim, 'utf8')).toContain('Hello from outside');
    expect(readFileSync(included, 'utf8')).toContain('Hello again');
    expect(report.status, report.reason).toBe('unverified');
    expect(git(repo, 'show', 'godwit/say-hi:src/greet.ts')).toContain('Hi ${n}');
    expect(report.logs.filter((l) => l.level === 'warn' && /not written/.test(l.message)).length).toBeGreaterThanOrEqual(1);
    expect(runFolders(env.workdir)).toEqual([]);
  });

  it('a submodule whose URL is a command is not fetched or run', async () => {
    const marker = path.join(outside, 'submodule-ran');
    const repo = greetingRepo(path.join(env.root, 'submodule'), {
      '.gitmodules': `[submodule "vendor/evil"]\n\tpath = vendor/evil\n\turl = ext::sh -c touch% ${marker}\n`,
    });
    const sha = git(repo, 'rev-parse', 'HEAD');
    // A gitlink entry (the submodule's commit) without its folder, as a clone sees it.
    git(repo, 'update-index', '--add', '--cacheinfo', `160000,${sha},vendor/evil`);
    git(repo, 'commit', '-q', '-m', 'a submodule');

    const report = await runJob({ migration: codemodMigration(), repo, config: env.config, install: false });
    expect(report.status, report.reason).toBe('unverified');
    expect(existsSync(marker)).toBe(false);
    expect(git(repo, 'ls-tree', 'godwit/say-hi', 'vendor/evil')).toMatch(/^160000 commit/);
  });

  it('install scripts that write outside the repository do not run (npm ci --ignore-scripts)', async () => {
    const markers = ['preinstall', 'install', 'postinstall', 'prepare'].map((s) => path.join(outside, `${s}-ran`));
    const write = (file: string) => `node -e "require('fs').writeFileSync('${file}', 'pwned')"`;
    const repo = greetingRepo(path.join(env.root, 'scripts'), {}, {
      scripts: { preinstall: write(markers[0]!), install: write(markers[1]!), postinstall: write(markers[2]!), prepare: write(markers[3]!) },
    });
    // Sanity: the scripts do write when run (so their absence below means they were skipped).
    execFileSync('npm', ['run', 'postinstall', '--silent'], { cwd: repo, stdio: 'ignore' });
    expect(existsSync(markers[2]!)).toBe(true);
    execFileSync('rm', ['-f', markers[2]!]);

    const report = await runJob({ migration: codemodMigration(), repo, config: env.config, dryRun: true });
    expect(report.status, report.reason).toBe('unverified');
    expect(report.stages[0]!.summary).toMatch(/installed with npm/);
    for (const m of markers) expect(existsSync(m), m).toBe(false);
  });
});
