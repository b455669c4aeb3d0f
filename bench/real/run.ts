/**
 * bench/real: godwit's wall time against the floor on each repository shaped like a real one
 * (test/support/real-shapes), in the same run so machine load hits both alike.
 *
 * - floor: what the repository's own CI does for one change — a clean install from its
 *   lockfile (warm package cache) and its checks (typecheck, lint, tests) twice: once on the
 *   base commit, once on the change;
 * - godwit: `node bin/godwit.js run <migration> <repo> --dry-run` with the migration that
 *   applies to that repository (clone, pre-scan, install, baseline, codemod, gate).
 *
 *   npm run build && npx tsx bench/real/run.ts [--only walk-files,schema-gate]
 *
 * Target: godwit ≤ 1.2 × the floor. Exits 1 when a run is not verified.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useSharedPackageCache } from '../../test/support/package-cache.js';
import { REAL_SHAPES, buildTemplate, copyRepo, installRepo, runChecks } from '../../test/support/real-shapes/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg === -1 ? undefined : process.argv[onlyArg + 1]!.split(',');

/** The migration that applies to each repository (its verified cell in test/e2e/real-shapes.test.ts). */
const MIGRATION: Record<string, string> = {
  'walk-files': 'node-protocol-imports',
  'invoice-dates': 'moment-to-dayjs',
  'schema-gate': 'node-protocol-imports',
  'layered-config': 'node-protocol-imports',
  'http-status-text': 'jest-to-vitest',
  'report-cards': 'commonjs-to-esm',
};

function seconds(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-real-'));
// godwit's caches are the floor's (the shared test package cache: warm for both, and corepack's
// pnpm/yarn already there — a registry mirror without npm signatures would refuse a fresh download).
const workdir = path.join(tmp, 'work');
mkdirSync(workdir);
useSharedPackageCache(workdir);
const rows: string[] = [];
let failed = false;
try {
  for (const shape of REAL_SHAPES.filter((s) => !only || only.includes(s.name))) {
    const template = buildTemplate(shape);
    const floorDir = copyRepo(template, path.join(tmp, `${shape.name}-floor`));
    const floor = seconds(() => {
      installRepo(floorDir, shape.legacyPeerDeps);
      runChecks(floorDir, shape.checks);
      runChecks(floorDir, shape.checks);
    });
    const repo = copyRepo(template, path.join(tmp, shape.name));
    let status = '';
    const godwit = seconds(() => {
      const out = spawnSync(process.execPath, [path.join(root, 'bin/godwit.js'), 'run', MIGRATION[shape.name]!, repo, '--dry-run'], {
        encoding: 'utf8',
        env: { ...process.env, GODWIT_WORKDIR: workdir },
      });
      status = /: (verified|failed|error|no-changes|not-applicable|baseline-broken|unverified) —/.exec(out.stdout)?.[1] ?? `exit ${out.status}`;
      if (status !== 'verified') console.error(`${shape.name}: ${out.stdout.slice(-3000)}\n${out.stderr.slice(-2000)}`);
    });
    if (status !== 'verified') failed = true;
    const row = `| ${shape.name} | ${MIGRATION[shape.name]} | ${status} | ${floor.toFixed(1)} s | ${godwit.toFixed(1)} s | ${(godwit / floor).toFixed(2)}× |`;
    rows.push(row);
    console.log(row);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\n| repository | migration | outcome | floor | godwit | ratio |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
process.exitCode = failed ? 1 : 0;
