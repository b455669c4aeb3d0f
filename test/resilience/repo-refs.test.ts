/**
 * Hostile repository references through the real pipeline and the enqueue path: argument
 * injection (`--upload-pack=…`), `ext::` transports, nonexistent repositories, and paths with
 * spaces and unicode. Injection attempts are rejected before git runs — proven by a marker
 * file the injected command would create — and odd but legitimate paths work.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/pipeline/run-job.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { cloneRepository } from '../../src/workspace/clone.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';
import { codemodMigration, greetingRepo, runFolders } from './helpers.js';

let env: TestEnv;
let markers: string;
let repo: string;

beforeAll(() => {
  env = createTestEnv();
  markers = mkdtempSync(path.join(os.tmpdir(), 'godwit-resilience-refs-'));
  repo = greetingRepo(path.join(env.root, 'plain'));
});
afterAll(() => {
  env.cleanup();
  rmSync(markers, { recursive: true, force: true });
});

function injections(marker: string): string[] {
  return [
    `--upload-pack=touch ${marker}`,
    `--upload-pack=touch ${marker} ${repo}`,
    `-u touch ${marker}`,
    `ext::sh -c touch% ${marker}`,
    `ext::sh -c "touch ${marker}"`,
    `fd::17`,
    ` --config=core.sshCommand=touch ${marker}`,
    `file://${repo}\n--upload-pack=touch ${marker}`,
  ];
}

describe('hostile repository references', () => {
  it('option injection and transport helpers are rejected by runJob before anything runs', async () => {
    const marker = path.join(markers, 'runjob-ran');
    for (const ref of injections(marker)) {
      const report = await runJob({ migration: codemodMigration(), repo: ref, config: env.config, dryRun: true, install: false });
      expect(report.status, ref).toBe('error');
      expect(report.error?.code, ref).toBe('repo-invalid');
      expect(report.reason, ref).toMatch(/Invalid repository reference/);
      expect(report.error?.hint, ref).toMatch(/local path, a file:\/\/ URL, owner\/name/);
    }
    expect(existsSync(marker)).toBe(false);
    expect(runFolders(env.workdir)).toEqual([]);
  });

  it('the same references are refused at enqueue time (nothing would reach a worker)', () => {
    const marker = path.join(markers, 'enqueue-ran');
    const { repos, invalid } = resolveRepoSources(injections(marker).map((text) => ({ origin: '--repo', text, cwd: env.root })));
    expect(repos).toEqual([]);
    expect(invalid).toHaveLength(injections(marker).length);
    expect(existsSync(marker)).toBe(false);
  });

  it('the clone step itself refuses an option-like source and git refuses ext:: (defence in depth)', async () => {
    const marker = path.join(markers, 'clone-ran');
    const dest = path.join(env.root, 'clones', 'x');
    await expect(cloneRepository({ source: `--upload-pack=touch ${marker}`, dest })).rejects.toMatchObject({ code: 'repo-invalid' });
    // Bypassing parseRepoRef: `--` before the source and git's protocol.allow policy keep ext:: inert.
    await expect(cloneRepository({ source: `ext::sh -c touch% ${marker}`, dest: path.join(env.root, 'clones', 'y') })).rejects.toMatchObject({
      code: 'clone-failed',
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('a nonexistent repository is repo-not-found with a hint, and leaves no workspace', async () => {
    for (const ref of [path.join(env.root, 'does-not-exist'), `file://${path.join(env.root, 'nope')}`]) {
      const report = await runJob({ migration: codemodMigration(), repo: ref, config: env.config, dryRun: true, install: false });
      expect(report.status, ref).toBe('error');
      expect(report.error?.code, ref).toBe('repo-not-found');
      expect(report.error?.hint).toBeTruthy();
    }
    expect(runFolders(env.workdir)).toEqual([]);
  });

  it('paths with spaces, unicode and shell metacharacters are handled as plain paths', async () => {
    const marker = path.join(markers, 'metachar-ran');
    const odd = greetingRepo(path.join(env.root, `my répo ünïcode 🐦 $(touch ${marker.replace(/\//g, '_')}) ; x`));
    for (const ref of [odd, `file://${encodeURI(odd).replace(/#/g, '%23').replace(/\?/g, '%3F')}`]) {
      const report = await runJob({ migration: codemodMigration(), repo: ref, config: env.config, install: false });
      expect(report.status, `${ref}: ${report.reason}`).toBe('unverified');
    }
    expect(git(odd, 'log', '--format=%s', '-1', 'godwit/say-hi')).toMatch(/Say hi/);
    expect(existsSync(marker)).toBe(false);
    expect(runFolders(env.workdir)).toEqual([]);
  });
});
