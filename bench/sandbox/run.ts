/**
 * The cost of the sandbox per repository command: `runCommand('true')` in a git clone with the
 * sandbox (bubblewrap, prlimit, a pids cgroup as root) and without it (`sandbox.level: off`),
 * interleaved in the same run so machine load hits both alike.
 *
 *   npx tsx bench/sandbox/run.ts [--runs 20]
 *
 * Target: sandboxed minus unsandboxed median ≤ 50 ms; exits 1 when over.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configSchema } from '../../src/config/schema.js';
import { runCommand } from '../../src/process/run-command.js';
import { configureSandbox, requireSandbox } from '../../src/process/sandbox.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 20 : Number(process.argv[runsArg + 1]);
const TARGET_MS = 50;

const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-sandbox-'));
execFileSync('git', ['init', '--quiet', dir]);
const defaults = configSchema.parse({}).sandbox;
const options = { cwd: dir, timeoutMs: 60_000, maxOutputBytes: 4096 };

async function once(level: 'bwrap' | 'off'): Promise<number> {
  configureSandbox({ ...defaults, level });
  const started = process.hrtime.bigint();
  const run = await runCommand('true', [], options);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.exitCode !== 0) throw new Error(`true exited ${run.exitCode} (${level}): ${run.output}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  requireSandbox(); // the probe runs once per process: not part of a command's cost
  await once('bwrap');
  await once('off');
  const sandboxed: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    sandboxed.push(await once('bwrap'));
    plain.push(await once('off'));
  }
  const cost = median(sandboxed) - median(plain);
  console.log(`runs: ${RUNS}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`| \`true\` | median (ms) | min (ms) |\n|---|---:|---:|`);
  console.log(`| sandboxed (bwrap) | ${median(sandboxed).toFixed(1)} | ${Math.min(...sandboxed).toFixed(1)} |`);
  console.log(`| not sandboxed | ${median(plain).toFixed(1)} | ${Math.min(...plain).toFixed(1)} |`);
  console.log(`sandbox cost per call (median difference): ${cost.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)`);
  process.exitCode = cost <= TARGET_MS ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
