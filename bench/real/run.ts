/**
 * bench/real: godwit's wall time against the floor on each repository shaped like a real one
 * (test/support/real-shapes), in the same run so machine load hits both alike.
 *
 * - floor (the definition): what the repository's own CI does for one change — its own
 *   install from the lockfile (warm package cache) and its own checks (its scripts: typecheck,
 *   lint, tests), twice: once for the base commit, once for the change, each on a fresh copy;
 * - strict floor: one install and the checks twice (the least any tool must do), shown beside it;
 * - godwit: `node bin/godwit.js run <migration> <repo> --dry-run --json` with the migration that
 *   applies to that repository (clone, pre-scan, install, baseline, codemod, gate); its stage
 *   timings come from the RunReport.
 *
 *   npm run build && npx tsx bench/real/run.ts [--only walk-files,schema-gate]
 *
 * Target: godwit ≤ 1.2 × the floor. Prints a table; exits 1 when a run is not verified, a floor
 * check fails, or a ratio is over the target.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../../src/report/run-report.js';
import { ownMs, ownMsByStage } from '../own-time.js';
import { useSharedPackageCache } from '../../test/support/package-cache.js';
import { REAL_SHAPES, buildTemplate, copyRepo, installRepo, runChecks } from '../../test/support/real-shapes/index.js';

const TARGET = 1.2;
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

async function secondsOf(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const s = (n: number): string => `${n.toFixed(1)} s`;

type Report = RunReport;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-real-'));
// godwit's caches are the floor's (the shared test package cache: warm for both, and corepack's
// pnpm/yarn already there — a registry mirror without npm signatures would refuse a fresh download).
const workdir = path.join(tmp, 'work');
mkdirSync(workdir);
useSharedPackageCache(workdir);
const rows: string[] = [];
const details: string[] = [];
let failed = false;
try {
  for (const shape of REAL_SHAPES.filter((sh) => !only || only.includes(sh.name))) {
    const migration = MIGRATION[shape.name]!;
    const template = await buildTemplate(shape);
    const load = os.loadavg()[0]!;
    // The floor: the repository's CI, once for the base and once for the change, each from a fresh copy.
    const ci: Array<{ install: number; checks: number }> = [];
    try {
      for (const run of ['base', 'change']) {
        const dir = copyRepo(template, path.join(tmp, `${shape.name}-floor-${run}`));
        const install = await secondsOf(() => installRepo(dir, shape.legacyPeerDeps));
        const checks = await secondsOf(() => runChecks(dir, shape.checks));
        ci.push({ install, checks });
        rmSync(dir, { recursive: true, force: true });
      }
    } catch (error) {
      console.error(`${shape.name}: the floor failed: ${(error as Error).message}`);
      rows.push(`| ${shape.name} | ${migration} | the floor failed (see above) | – | – | – | – | – | ${load.toFixed(1)} |`);
      failed = true;
      continue;
    }
    const floor = ci.reduce((sum, r) => sum + r.install + r.checks, 0);
    const strict = ci[0]!.install + ci[0]!.checks + ci[1]!.checks;

    const repo = copyRepo(template, path.join(tmp, shape.name));
    let status = '';
    let report: Report | undefined;
    const spawnedAt = Date.now();
    const godwit = seconds(() => {
      const out = spawnSync(process.execPath, [path.join(root, 'bin/godwit.js'), 'run', migration, repo, '--dry-run', '--json'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GODWIT_WORKDIR: workdir },
      });
      try {
        report = JSON.parse(out.stdout) as Report;
        status = report.status;
      } catch {
        status = `exit ${out.status}`;
      }
      if (status !== 'verified') console.error(`${shape.name}: ${report?.reason ?? out.stdout.slice(-3000)}\n${out.stderr.slice(-2000)}`);
    });
    rmSync(repo, { recursive: true, force: true });
    const ratio = godwit / floor;
    if (status !== 'verified' || ratio > TARGET) failed = true;
    const row = `| ${shape.name} | ${migration} | ${status} | ${s(floor)} | ${s(strict)} | ${s(godwit)} | ${ratio.toFixed(2)}× | ${(godwit / strict).toFixed(2)}× | ${load.toFixed(1)} |`;
    rows.push(row);
    const inStages = (report?.stages ?? []).reduce((sum, st) => sum + st.durationMs, 0);
    // Where the rest of godwit's wall time went: process start-up (until the run starts), the run
    // outside its stages (workspace removal), and the process end (report, exit).
    const startup = report ? (Date.parse(report.startedAt) - spawnedAt) / 1000 : 0;
    const outside = report ? (report.durationMs - inStages) / 1000 : 0;
    const exit = report ? godwit - startup - report.durationMs / 1000 : 0;
    const stages = [...(report?.stages ?? []).map((st) => `${st.name} ${s(st.durationMs / 1000)}`), `start-up ${s(startup)}`, `outside stages ${s(outside)}`, `exit ${s(exit)}`].join(', ');
    // godwit's own share of the run (bench/own-time.ts): what is not the repository's installs and checks.
    const byStage = report ? Object.entries(ownMsByStage(report)).map(([k, v]) => `${k} ${s(v / 1000)}`).join(', ') : '';
    const own = report ? ` own time ${s(ownMs(report) / 1000)} = ${((ownMs(report) / report.durationMs) * 100).toFixed(1)} % of the run (by stage: ${byStage});` : '';
    const detail = `${shape.name}:${own} floor installs ${ci.map((r) => s(r.install)).join(' + ')}, checks ${ci.map((r) => s(r.checks)).join(' + ')}; godwit stages: ${stages}`;
    details.push(detail);
    console.log(row);
    console.log(detail);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(
  `\n| repository | migration | outcome | floor (2 × install + checks) | strict floor (1 install) | godwit | ratio | ratio to strict | load at start |\n| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n${rows.join('\n')}`,
);
console.log(`\n${details.join('\n')}`);
console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; target ≤ ${TARGET}× the floor`);
process.exitCode = failed ? 1 : 0;
