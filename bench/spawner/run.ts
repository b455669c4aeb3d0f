/**
 * What starting a command costs godwit's main thread, with the spawner (src/process/spawner.ts)
 * and without (GODWIT_SPAWNER=off: a plain spawn, i.e. a fork of this big process), in a process
 * the size of a worker: ts-morph loaded and the heap padded to --rss-mb. Each mode runs
 * `git --version` through runGit, one after the other and --parallel at a time, interleaved in
 * rounds so that machine load hits both alike. Reports per command: the longest event-loop
 * stall, main-thread CPU (user+sys of this process) and wall time.
 *
 *   npx tsx bench/spawner/run.ts [--runs 200] [--rss-mb 300] [--parallel 2]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Project } from 'ts-morph';
import { runGit } from '../../src/process/git.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = arg('runs', 200);
const RSS_MB = arg('rss-mb', 300);
const PARALLEL = arg('parallel', 2);

// A worker's weight: ts-morph with a program, then plain objects up to the target RSS.
const project = new Project({ useInMemoryFileSystem: true });
project.createSourceFile('a.ts', 'export const x: Map<string, number[]> = new Map();');
project.getPreEmitDiagnostics();
const ballast: unknown[] = [];
while (process.memoryUsage.rss() < RSS_MB * 1024 * 1024) ballast.push(Array.from({ length: 10_000 }, (_, i) => ({ i, s: `v${i}` })));

async function measure(mode: 'spawner' | 'direct'): Promise<{ cpuMs: number; wallMs: number; p99StallMs: number; maxStallMs: number }> {
  process.env.GODWIT_SPAWNER = mode === 'direct' ? 'off' : 'on';
  const h = monitorEventLoopDelay({ resolution: 1 });
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  h.enable();
  let left = RUNS;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (left-- > 0) await runGit(process.cwd(), ['--version']);
    }),
  );
  h.disable();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000 / RUNS, wallMs: (performance.now() - t0) / RUNS, p99StallMs: h.percentile(99) / 1e6, maxStallMs: h.max / 1e6 };
}

// Warm-up: the spawner starts on first use and is used once ready.
await runGit(process.cwd(), ['--version']);
await new Promise((r) => setTimeout(r, 1500));
await measure('spawner');
await measure('direct');

const results: Record<string, Array<Awaited<ReturnType<typeof measure>>>> = { direct: [], spawner: [] };
for (let round = 0; round < 3; round++) for (const mode of ['direct', 'spawner'] as const) results[mode]!.push(await measure(mode));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`rss ${Math.round(process.memoryUsage.rss() / 1024 / 1024)} MB, ${RUNS} × git --version per round, ${PARALLEL} at a time, 3 rounds (median)`);
console.log('| mode | main-thread CPU / command | wall / command | event-loop stall p99 | max |\n|---|---:|---:|---:|---:|');
for (const [mode, rs] of Object.entries(results)) {
  const m = (k: keyof (typeof rs)[number]) => median(rs.map((r) => r[k])).toFixed(2);
  console.log(`| ${mode} | ${m('cpuMs')} ms | ${m('wallMs')} ms | ${m('p99StallMs')} ms | ${m('maxStallMs')} ms |`);
}
console.log(`RESULT ${JSON.stringify({ bench: 'spawner', rssMb: Math.round(process.memoryUsage.rss() / 1048576), results })}`);
ballast.length = 0;
process.exit(0);
