/**
 * Start-up of the compiled CLI: `godwit --help` against `node -e 0`, interleaved in the same
 * run (so machine load hits both alike). Wall time and peak RSS (GNU time's %M) per process.
 *
 *   npm run build && npx tsx bench/startup/run.ts [--runs 10]
 *
 * Budget: --help ≤ 300 ms wall and ≤ 120 MB peak RSS (median); exits 1 when over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 10 : Number(process.argv[runsArg + 1]);
const TIME = '/usr/bin/time';
const BIN = path.join(root, 'bin/godwit.js');

if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
if (!existsSync(TIME)) throw new Error('GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time');

interface Sample {
  ms: number;
  /** user + system CPU time: what the wall time would be on an idle core. */
  cpuMs: number;
  rssMb: number;
}

function measure(args: string[]): Sample {
  const start = process.hrtime.bigint();
  const out = spawnSync(TIME, ['-f', '%M %U %S', process.execPath, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out.status !== 0) throw new Error(`${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  const [kb, user, sys] = out.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ms, cpuMs: (user! + sys!) * 1000, rssMb: kb! / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const cases = { 'node -e 0': ['-e', '0'], 'godwit --help': [BIN, '--help'], 'godwit catalog --json': [BIN, 'catalog', '--json'] } as const;
const samples = new Map<string, Sample[]>(Object.keys(cases).map((k) => [k, []]));
measure([BIN, '--help']); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const [name, args] of Object.entries(cases)) samples.get(name)!.push(measure([...args]));
}

console.log(`| command | wall, median of ${RUNS} (ms) | wall, min (ms) | CPU user+sys, median (ms) | peak RSS, median (MB) |`);
console.log('|---|---:|---:|---:|---:|');
for (const [name, s] of samples) {
  const cells = [median(s.map((x) => x.ms)), Math.min(...s.map((x) => x.ms)), median(s.map((x) => x.cpuMs)), median(s.map((x) => x.rssMb))];
  console.log(`| \`${name}\` | ${cells.map((c) => c.toFixed(0)).join(' | ')} |`);
}
const summary = Object.fromEntries([...samples].map(([name, s]) => [name, { wallMs: Math.round(median(s.map((x) => x.ms))), cpuMs: Math.round(median(s.map((x) => x.cpuMs))), rssMb: Math.round(median(s.map((x) => x.rssMb))) }]));
console.log(`RESULT ${JSON.stringify({ bench: 'startup', runs: RUNS, commands: summary })}`);
const help = samples.get('godwit --help')!;
const over = median(help.map((x) => x.ms)) > 300 || median(help.map((x) => x.rssMb)) > 120;
if (over) console.log('\n--help is over its budget (300 ms, 120 MB)');
process.exitCode = over ? 1 : 0;
