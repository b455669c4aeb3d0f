/**
 * The gate reads what the guards read at the base commit ahead, while the verifiers run: with
 * that read-ahead the guards find exactly what they find reading git themselves, and they need
 * no git at all after it (here: the repository's .git is gone by the time they run).
 */
import { execaSync } from 'execa';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGuardBaseAhead, runGuards, type GuardInput } from '../../../src/verify/guards/index.js';
import { template, writeFiles } from '../../agent/fixtures.js';
import { committedDiff, definition } from './helpers.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const lock = (resolved: string) =>
  json({ name: 'x', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'x', version: '1.0.0' }, 'node_modules/left-pad': { version: '1.3.0', resolved } } });

let tpl: ReturnType<typeof template>;
beforeAll(() => {
  tpl = template({
    'package.json': json({ name: 'x', version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } }),
    'package-lock.json': lock('https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz'),
    '.npmrc': 'registry=https://npm.internal.example/\n',
    'tsconfig.json': json({ extends: './configs/strict.json', include: ['src'] }),
    'configs/strict.json': json({ compilerOptions: { strict: true, noEmit: true } }),
    'packages/web/jest.config.js': "module.exports = { setupFiles: ['./test/setup.js'] };\n",
    'packages/web/test/setup.js': 'globalThis.ready = true;\n',
    'src/a.ts': 'export const a = 1;\n',
  });
});
afterAll(() => tpl.cleanup());

const git = (dir: string, ...args: string[]) => execaSync('git', args, { cwd: dir }).stdout.trim();

/** A change touching what several guards read at the base, committed as the gate commits it. */
function change(dir: string): string[] {
  writeFiles(dir, {
    'configs/strict.json': json({ compilerOptions: { strict: false, noEmit: true } }),
    'packages/web/test/setup.js': 'globalThis.ready = false;\n',
    'package.json': json({ name: 'x', version: '1.0.0', dependencies: { 'left-pad': '1.3.0', evil: '1.0.0' } }),
    'package-lock.json': lock('https://evil.example.com/left-pad-1.3.0.tgz'),
    'src/a.ts': 'export const a = 2;\n',
    'src/new.ts': 'export const b = 1;\n',
  });
  // The gate reads ahead from the uncommitted list (git status), before it commits.
  const status = execaSync('git', ['status', '--porcelain', '-z', '--untracked-files=all'], { cwd: dir }).stdout;
  const uncommitted = status.split('\0').filter(Boolean).map((l) => l.slice(3));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'change');
  return uncommitted;
}

function inputOf(dir: string, baseCommit: string): GuardInput {
  const diff = committedDiff(dir, baseCommit);
  return { dir, baseCommit, migration: definition({ scope: { include: ['**/*'] } }), baseline: [], final: [], changedFiles: diff.changedFiles, diff: diff.diff };
}

const summary = (findings: Array<{ guard: string; severity: string; message: string }>) => findings.map((f) => `${f.severity} ${f.guard}: ${f.message}`).sort();

describe('readGuardBaseAhead', () => {
  it('gives the guards what they read at the base: the same findings, and no git needed after it', async () => {
    const dir = tpl.copy();
    const baseCommit = git(dir, 'rev-parse', 'HEAD');
    const uncommitted = change(dir);
    const ahead = await readGuardBaseAhead(dir, baseCommit, uncommitted);
    expect(ahead.texts.get('configs/strict.json')).toContain('"strict": true');
    expect(ahead.texts.get('.npmrc')).toContain('npm.internal.example');
    expect(ahead.texts.get('packages/web/jest.config.js')).toContain('setupFiles');
    expect(ahead.texts.has('src/new.ts')).toBe(false); // not in the base tree: known missing without git

    const input = inputOf(dir, baseCommit);
    const reading = summary(await runGuards({ ...input }));
    for (const guard of ['tsconfig-loosened', 'tool-configs', 'lockfile-registry', 'dependencies']) expect(reading.join('\n')).toContain(`block ${guard}: `);

    renameSync(path.join(dir, '.git'), path.join(dir, '.git-gone'));
    // Each run gets its own input object (the reads are kept per input).
    expect(summary(await runGuards({ ...input, baseReads: ahead }))).toEqual(reading);
    // Without the read-ahead (or with one of another commit) the guards need git, and fail closed.
    const without = summary(await runGuards({ ...input }));
    expect(without).not.toEqual(reading);
    expect(without.join('\n')).toContain('guard could not run');
    expect(summary(await runGuards({ ...input, baseReads: { ...ahead, commit: 'other' } }))).toEqual(without);
  });
});
