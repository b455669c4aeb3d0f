/** `godwit run` through the real CLI entry (bin/godwit.js) on fixture repositories. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import { runReportSchema } from '../../src/report/run-report.js';
import { GODWIT_ROOT, copyFixture, createTestEnv, git, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';

const execFileAsync = promisify(execFile);
let env: TestEnv;
let template: string;

beforeAll(() => {
  env = createTestEnv();
  // In-process runs (main()) read the workdir from the environment like the real CLI.
  process.env.GODWIT_WORKDIR = env.workdir;
  template = writeFixtureRepo(path.join(env.root, 'template'), { name: 'sample' });
});
afterAll(() => {
  delete process.env.GODWIT_WORKDIR;
  env.cleanup();
});

async function godwit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(GODWIT_ROOT, 'bin/godwit.js'), ...args], {
      cwd: env.root,
      env: { ...process.env, GODWIT_WORKDIR: env.workdir },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function captureIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTTY: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe('godwit run', () => {
  it('--json: verified, changed files listed, branch with one commit in the source repo, its tree untouched', async () => {
    const repo = copyFixture(template, env, 'cli-verified');
    writeFileSync(path.join(repo, 'scratch.txt'), 'uncommitted work of the user\n');
    const statusBefore = git(repo, 'status', '--porcelain', '--untracked-files=all');
    const headBefore = git(repo, 'rev-parse', 'HEAD');
    const { code, stdout } = await godwit(['run', 'node-protocol-imports', repo, '--json']);
    const report = runReportSchema.parse(JSON.parse(stdout));
    expect(report.status, report.reason).toBe('verified');
    expect(code).toBe(0);
    expect(report.changedFiles.map((f) => f.path)).toEqual(['src/dynamic.ts', 'src/files.ts', 'src/reexports.ts', 'test/files.test.ts']);
    // No LLM configured (this test's environment sets none): the agent stage skips at once,
    // without the fast checks nobody could act on; the gate runs the repository's checks.
    expect(report.stages.find((s) => s.name === 'agent')).toMatchObject({ status: 'skipped', summary: "no LLM configured; the gate checks the codemod's change" });
    expect(git(repo, 'rev-list', '--count', 'main..godwit/node-protocol-imports')).toBe('1');
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(headBefore);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe(statusBefore);
    expect(readFileSync(path.join(repo, 'src/files.ts'), 'utf8')).toContain("from 'fs'");
  }, 300_000);

  it('plain output: one line per stage, a summary, and the diff with --dry-run; exit 1 when the baseline is broken', async () => {
    const repo = copyFixture(template, env, 'cli-dry');
    const io = captureIo();
    const code = await main(['node', 'godwit', 'run', 'node-protocol-imports', repo, '--dry-run', '--no-install'], io);
    const text = io.out.join('\n');
    expect(code, text).toBe(0);
    for (const stage of ['prepare', 'baseline', 'codemod', 'agent', 'gate', 'publish']) expect(text).toMatch(new RegExp(`^${stage}: (ok|skipped) \\(\\d+\\.\\ds\\)`, 'm'));
    expect(text).toContain('node-protocol-imports on cli-dry: verified');
    expect(text).toContain('pull request: dry-run (branch godwit/node-protocol-imports)');
    expect(text).toContain("+import { readFile } from 'node:fs/promises';");
    expect(git(repo, 'branch', '--list', 'godwit/*')).toBe('');

    writeFileSync(path.join(repo, 'src/broken.ts'), "export const n: number = 'x';\n");
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'broken');
    const io2 = captureIo();
    expect(await main(['node', 'godwit', 'run', 'node-protocol-imports', repo, '--no-install'], io2)).toBe(1);
    expect(io2.out.join('\n')).toMatch(/baseline-broken[\s\S]*typecheck: src\/broken\.ts:1 TS2322/);
  }, 300_000);

  it('a missing path exits 2 and says which references are valid', async () => {
    const { code, stderr } = await godwit(['run', 'node-protocol-imports', path.join(env.root, 'nope')]);
    expect(code).toBe(2);
    expect(stderr).toContain('Repository not found');
    expect(stderr).toMatch(/hint: Give a path to a git repository, a file:\/\/ URL, owner\/name, or https:\/\/github\.com\/owner\/name/);
  });

  it('an unknown migration exits 2 and lists the valid ids', async () => {
    const io = captureIo();
    const code = await main(['node', 'godwit', 'run', 'no-such-migration', template], io);
    expect(code).toBe(2);
    expect(io.err.join('\n')).toMatch(/Unknown migration "no-such-migration"\. Valid ids: .*node-protocol-imports/);
  });

  it('usage errors: a missing repository argument, and --prompt-file with two positionals', async () => {
    const io = captureIo();
    expect(await main(['node', 'godwit', 'run', 'node-protocol-imports'], io)).toBe(2);
    expect(io.err.join('\n')).toContain('Missing the repository');
    const io2 = captureIo();
    expect(await main(['node', 'godwit', 'run', template, 'extra', '--prompt-file', 'x.md'], io2)).toBe(2);
  });
});

describe('godwit run on a TTY', () => {
  it('draws one updating line per stage with ✓/✗/– and its duration', async () => {
    const repo = writeFixtureRepo(path.join(env.root, 'tty-old-node'), { packageJson: { engines: { node: '>=12' } } });
    const raw: string[] = [];
    const io = { ...captureIo(), isTTY: true, write: (t: string) => raw.push(t) };
    const code = await main(['node', 'godwit', 'run', 'node-protocol-imports', repo, '--no-install'], io);
    expect(code).toBe(0);
    expect(raw).toEqual(['  … prepare', '\r\u001b[2K']);
    expect(io.out.find((l) => l.includes('prepare'))).toMatch(/^ {2}✓ prepare +\d+\.\ds {2}not applicable: engines\.node ">=12"/);
    expect(io.out.join('\n')).toContain('node-protocol-imports on tty-old-node: not-applicable');
  });
});

describe('godwit run --prompt-file', () => {
  it('takes the repository as the only positional; without a model it exits 2 saying how to configure one', async () => {
    const promptFile = path.join(env.root, 'change.md');
    writeFileSync(promptFile, '# Use strict equality\n\nEvery == becomes ===.\n');
    const savedModel = process.env.GODWIT_MODEL;
    delete process.env.GODWIT_MODEL;
    try {
      const io = captureIo();
      const code = await main(['node', 'godwit', 'run', template, '--prompt-file', promptFile, '--json'], io);
      expect(code).toBe(2);
      const report = runReportSchema.parse(JSON.parse(io.out.join('\n')));
      expect(report.migration).toEqual({ id: 'ad-hoc', title: 'Use strict equality' });
      expect(report.error).toMatchObject({ code: 'llm-not-configured' });
      expect(report.error?.hint).toMatch(/GODWIT_MODEL/);
    } finally {
      if (savedModel !== undefined) process.env.GODWIT_MODEL = savedModel;
    }
  });
});
