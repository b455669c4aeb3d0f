/**
 * bench/prescan: `godwit run` on a repository with nothing to change — a yarn classic
 * repository shaped like a real one (test/support/real-shapes, `invoice-dates`) and
 * node-protocol-imports, which finds no bare built-in import there. The pre-scan ends the run
 * `no-changes` after the clone, before any install. Wall time and CPU time (user + system: the
 * wall time on an idle core) of the compiled CLI, per run; and proof that nothing was installed.
 *
 *   npm run build && npx tsx bench/prescan/run.ts [--runs 5]
 *
 * Target: < 3 s wall on an idle machine. Exits 1 when the median CPU time is over 3 s or a run
 * installed anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REAL_SHAPES, buildTemplate, copyRepo } from '../../test/support/real-shapes/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 5 : Number(process.argv[runsArg + 1]);
const TIME = '/usr/bin/time';
if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
if (!existsSync(TIME)) throw new Error('GNU time (/usr/bin/time) is needed: apt-get install time');

const shape = REAL_SHAPES.find((s) => s.name === 'invoice-dates')!;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-prescan-'));
const repo = copyRepo(await buildTemplate(shape), path.join(tmp, 'repo'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const wall: number[] = [];
const cpu: number[] = [];
let installed = false;
try {
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const out = spawnSync(TIME, ['-f', '%U %S', process.execPath, path.join(root, 'bin/godwit.js'), 'run', 'node-protocol-imports', repo, '--dry-run'], {
      encoding: 'utf8',
      env: { ...process.env, GODWIT_WORKDIR: path.join(tmp, 'work') },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (out.status !== 0 || !out.stdout.includes('no-changes')) throw new Error(`run ${i} did not end no-changes:\n${out.stdout}\n${out.stderr}`);
    if (!out.stdout.includes('nothing installed')) installed = true;
    const [user, sys] = out.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    wall.push(ms);
    cpu.push((user! + sys!) * 1000);
    console.log(`run ${i + 1}: ${(ms / 1000).toFixed(2)} s wall, ${((user! + sys!)).toFixed(2)} s CPU`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const load = os.loadavg()[0]!.toFixed(1);
console.log(`median: ${(median(wall) / 1000).toFixed(2)} s wall, ${(median(cpu) / 1000).toFixed(2)} s CPU (load average ${load}, ${os.cpus().length} cores); installed: ${installed ? 'yes' : 'no'}`);
process.exitCode = median(cpu) > 3000 || installed ? 1 : 0;
