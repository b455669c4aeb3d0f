/**
 * Issue 17's three overhead numbers, measured one after the other in ONE run, with the load
 * average around each part, printed as one markdown table:
 *   1. start-up: `godwit --help` against `node -e 0` (bench/startup/run.ts, interleaved);
 *   2. godwit's own share of a job on the N-repository campaign, baseline cache miss and hit
 *      (bench/queue/campaign.ts, two passes over the same commits);
 *   3. no-op queue throughput against bare BullMQ, 1 and 2 workers (bench/queue/throughput.ts,
 *      alternating rounds).
 *
 *   npx tsx bench/overhead/run.ts [--repos 100] [--runs 10] [--rounds 3] [--no-build]
 *
 * Each part runs as its own process (a fresh Node, its own redis-server) and reports a `RESULT
 * {json}` line; a part that fails is shown as failed and the others still run. Exits 1 when a
 * target is missed (--help ≤ 300 ms and ≤ 120 MB; own share ≤ 5%; queue ≥ 50% of bare BullMQ).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const REPOS = arg('repos', 100);
const RUNS = arg('runs', 10);
const ROUNDS = arg('rounds', 3);

const load = () => os.loadavg()[0]!.toFixed(1);

interface Part {
  name: string;
  loadBefore: string;
  loadAfter: string;
  seconds: number;
  result?: Record<string, unknown>;
  error?: string;
}

/** Runs a bench script; its stdout is passed through, its RESULT line kept. */
function runPart(name: string, script: string, args: string[]): Promise<Part> {
  const loadBefore = load();
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      const part: Part = { name, loadBefore, loadAfter: load(), seconds: (performance.now() - t0) / 1000 };
      if (line) part.result = JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
      else part.error = `exited ${code} without a result`;
      resolve(part);
    });
  });
}

if (!process.argv.includes('--no-build')) {
  process.stderr.write('npm run build …\n');
  const code = await new Promise<number | null>((resolve) => spawn('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
  if (code !== 0) throw new Error('npm run build failed');
}

const started = new Date().toISOString().slice(0, 16).replace('T', ' ');
const parts = [
  await runPart('start-up', 'bench/startup/run.ts', ['--runs', String(RUNS)]),
  await runPart('campaign', 'bench/queue/campaign.ts', ['--repos', String(REPOS)]),
  await runPart('queue', 'bench/queue/throughput.ts', ['--rounds', String(ROUNDS)]),
];

type Commands = Record<string, { wallMs: number; cpuMs: number; rssMb: number }>;
type Passes = Array<{ pass: string; ownShare: number; ownMsPerJob: number; verifierMsPerJob: number; cached: number; jobs: number; wallMs: number }>;
type Throughput = Array<{ workers: number; godwit: number; bare: number; ratio: number }>;

const rows: string[] = [];
let missed = false;
const loadCell = (p: Part) => `${p.loadBefore} → ${p.loadAfter}`;
const [startup, campaign, queue] = parts as [Part, Part, Part];
if (startup.result) {
  const c = startup.result.commands as Commands;
  const help = c['godwit --help']!;
  const bare = c['node -e 0']!;
  const ok = help.wallMs <= 300 && help.rssMb <= 120;
  missed ||= !ok;
  rows.push(`| \`godwit --help\` vs \`node -e 0\` (median of ${RUNS}) | ${help.wallMs} ms / ${help.cpuMs} ms CPU / ${help.rssMb} MB vs ${bare.wallMs} ms / ${bare.cpuMs} ms CPU / ${bare.rssMb} MB | ≤ 300 ms, ≤ 120 MB | ${ok ? 'met' : 'not met'} | ${loadCell(startup)} |`);
} else rows.push(`| start-up | ${startup.error} | | failed | ${loadCell(startup)} |`);
if (campaign.result) {
  for (const p of campaign.result.passes as Passes) {
    const ok = p.ownShare <= 0.05;
    missed ||= !ok;
    rows.push(
      `| own share, ${REPOS}-repository campaign, baseline ${p.pass} (${p.cached}/${p.jobs} from the cache) | **${(p.ownShare * 100).toFixed(1)} %** (own ${(p.ownMsPerJob / 1000).toFixed(2)} s vs verifiers ${(p.verifierMsPerJob / 1000).toFixed(2)} s per job; ${(p.wallMs / 1000).toFixed(0)} s wall) | ≤ 5 % | ${ok ? 'met' : 'not met'} | ${loadCell(campaign)} |`,
    );
  }
} else rows.push(`| own share | ${campaign.error} | | failed | ${loadCell(campaign)} |`);
if (queue.result) {
  for (const r of queue.result.results as Throughput) {
    const ok = r.ratio >= 0.5;
    missed ||= !ok;
    rows.push(`| no-op queue, ${r.workers} worker(s), median of ${ROUNDS} | godwit ${r.godwit} jobs/s vs bare BullMQ ${r.bare} jobs/s = **${Math.round(r.ratio * 100)} %** | ≥ 50 % | ${ok ? 'met' : 'not met'} | ${loadCell(queue)} |`);
  }
} else rows.push(`| no-op queue | ${queue.error} | | failed | ${loadCell(queue)} |`);

console.log(`\nMeasured ${started} UTC, ${os.cpus().length} cores, Node ${process.version}; \`npx tsx bench/overhead/run.ts --repos ${REPOS} --runs ${RUNS} --rounds ${ROUNDS}\`:\n`);
console.log('| measure | result | target | | load average (1 min) before → after |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
process.exitCode = missed || parts.some((p) => p.error) ? 1 : 0;
