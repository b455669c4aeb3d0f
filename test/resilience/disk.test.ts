/**
 * Disk: the work directory filling up (a 5 MB tmpfs mounted over it — needs root) makes the job
 * fail with a clear error, its workspace is removed and the space is back for the next job.
 * Workspaces of finished jobs are always removed, whatever the outcome (the test counts folders).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';
import { codemodMigration, greetingRepo, runFolders } from './helpers.js';

let env: TestEnv;
let small: string;
let mounted = false;

function tryMount(dir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=5m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine lets the test mount a tmpfs (root with CAP_SYS_ADMIN); probed once at load. */
const CAN_MOUNT = (() => {
  const probe = mkdtempSync(path.join(os.tmpdir(), 'godwit-mount-probe-'));
  const ok = tryMount(probe);
  if (ok) execFileSync('umount', [probe], { stdio: 'ignore' });
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

function usedBytes(dir: string): number {
  const s = statfsSync(dir);
  return (s.blocks - s.bfree) * s.bsize;
}

beforeAll(() => {
  env = createTestEnv();
  small = path.join(env.root, 'small-workdir');
  mkdirSync(small);
  mounted = CAN_MOUNT && tryMount(small);
});

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', small], { stdio: 'ignore' });
  env.cleanup();
});

describe('disk', () => {
  // Mounting needs root with CAP_SYS_ADMIN; without it this case cannot be simulated, and the
  // skip shows in the run under this name (never silently).
  it.skipIf(!CAN_MOUNT)('work dir full (5 MB tmpfs; skipped where tmpfs cannot be mounted): clone and codemod fail with a clear disk error, workspace cleaned, space back', async () => {
    expect(mounted).toBe(true);
    const config = configSchema.parse({ ...env.config, workdir: small });
    const baseline = usedBytes(small);

    // 1. The clone does not fit: 8 MB of incompressible data.
    const big = greetingRepo(path.join(env.root, 'big'));
    writeFileSync(path.join(big, 'blob.bin'), randomBytes(8 * 1024 * 1024));
    git(big, 'add', 'blob.bin');
    git(big, 'commit', '-q', '-m', 'blob');
    const cloneFull = await runJob({ migration: codemodMigration(), repo: big, config, install: false });
    expect(cloneFull.status).toBe('error');
    expect(cloneFull.reason).toMatch(/no space left on device|ENOSPC/i);
    expect(cloneFull.error?.code).toBe('disk-full');
    expect(cloneFull.error?.hint).toMatch(/space/i);
    expect(runFolders(small)).toEqual([]);

    // 2. The clone fits, then the codemod's output does not.
    const repo = greetingRepo(path.join(env.root, 'fits'));
    const filler = codemodMigration({
      codemod: (project) => {
        const file = project.getSourceFiles()[0]!;
        file.replaceWithText(`export const blob = ${JSON.stringify(randomBytes(6 * 1024 * 1024).toString('base64'))};\n`);
      },
    });
    const codemodFull = await runJob({ migration: filler, repo, config, install: false });
    expect(codemodFull.status).toBe('error');
    expect(codemodFull.reason).toMatch(/no space left on device|ENOSPC/i);
    expect(codemodFull.error?.code).toBe('disk-full');
    expect(runFolders(small)).toEqual([]);
    // The run folder went to <workdir>/trash at once; a detached rm -rf gives its space back.
    await vi.waitFor(() => expect(usedBytes(small) - baseline).toBeLessThan(512 * 1024), { timeout: 30_000, interval: 100 });

    // 3. The space is back: the next job on the same work dir verifies.
    const ok = await runJob({ migration: codemodMigration(), repo, config, install: false, dryRun: true });
    expect(ok.status, ok.reason).toBe('unverified');
    expect(runFolders(small)).toEqual([]);
  });

  it('workspaces of finished jobs are always removed: verified, not-applicable, baseline-broken, error, cancelled', async () => {
    const repo = greetingRepo(path.join(env.root, 'outcomes'), { 'scripts/hang.cjs': 'setInterval(() => {}, 1000);\n', 'scripts/red.cjs': 'process.exit(1);\n' });
    const config = configSchema.parse({ ...env.config, verify: { timeoutMs: 60_000, maxOutputBytes: 65536 } });
    const outcomes: string[] = [];
    const run = async (opts: Partial<Parameters<typeof runJob>[0]>) => {
      const report = await runJob({ migration: codemodMigration(), repo, config, install: false, dryRun: true, ...opts });
      outcomes.push(report.status);
      expect(runFolders(env.workdir), report.status).toEqual([]);
      return report;
    };
    await run({});
    await run({ migration: codemodMigration({ appliesTo: { files: ['does-not-exist/**'] } }) });
    // Red baseline: `npm test` exits 1.
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'outcomes', version: '1.0.0', scripts: { test: 'node scripts/red.cjs' } }));
    git(repo, 'commit', '-qam', 'red test');
    await run({ migration: codemodMigration({ verify: { typecheck: false, lint: false, test: true, requireGreenBaseline: true } }) });
    await run({ migration: codemodMigration({ codemod: () => { throw new Error('boom'); } }) });
    // Cancelled while a verifier hangs.
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'outcomes', version: '1.0.0', scripts: { test: 'node scripts/hang.cjs' } }));
    git(repo, 'commit', '-qam', 'hanging test');
    const abort = new AbortController();
    const cancelled = run({ migration: codemodMigration({ verify: { typecheck: false, lint: false, test: true, requireGreenBaseline: true } }), signal: abort.signal });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(runFolders(env.workdir)).toHaveLength(1); // the counter sees a running job's folder
    abort.abort();
    await cancelled;
    expect(outcomes).toEqual(['unverified', 'not-applicable', 'baseline-broken', 'error', 'cancelled']);
    // keepWorkdir is the only way a folder stays.
    await runJob({ migration: codemodMigration(), repo, config, install: false, dryRun: true, keepWorkdir: true });
    expect(runFolders(env.workdir)).toHaveLength(1);
  });
});
