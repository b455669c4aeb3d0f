/**
 * bench/loop: time of an in-loop fast verify (incremental typecheck through one ts-morph
 * Project, after a one-file edit) vs a cold `tsc --noEmit` of the same generated repository.
 * Target: the in-loop verify under 20% of the cold tsc.
 *
 *   npx tsx bench/loop/run.ts [--files 2000] [--edits 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project } from 'ts-morph';
import { incrementalTypecheck } from '../../src/verify/fast/typecheck.js';
import { generateRepo } from './generate.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const files = flag('files', 2000);
const edits = flag('edits', 5);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => n.toFixed(0);

const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-bench-loop-'));
try {
  generateRepo(dir, files);

  // Cold tsc, as the gate runs it: a fresh process each time (median of 3).
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    execFileSync(tsc, ['--noEmit', '-p', '.'], { cwd: dir, stdio: 'pipe' });
    cold.push(performance.now() - t);
  }

  // The agent's Project: created once per job; the first verify builds the program.
  const tCreate = performance.now();
  const project = new Project({ tsConfigFilePath: path.join(dir, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const first = incrementalTypecheck(project, dir, ['src/m0.ts']);
  const firstMs = performance.now() - tCreate;
  if (first.result.status !== 'pass') throw new Error(`generated repo does not typecheck: ${JSON.stringify(first.result.diagnostics[0])}`);

  // One-file edits in the middle of the graph (files with dependents), each followed by a verify.
  const loop: number[] = [];
  const checked: number[] = [];
  let errorsSeen = 0;
  for (let e = 0; e < edits; e++) {
    const target = Math.floor(files / 3) + e * 7;
    const rel = `src/m${target}.ts`;
    const abs = path.join(dir, rel);
    const text = readFileSync(abs, 'utf8');
    // Alternate: an edit that breaks dependents' types, then one that is harmless.
    const edited = e % 2 === 0 ? text.replace('  name: string;', '  name: number;') : text.replace('map((x) => x.name.toUpperCase())', 'map((x) => x.name.toLowerCase())');
    writeFileSync(abs, edited);
    const t = performance.now();
    const r = incrementalTypecheck(project, dir, [rel]);
    loop.push(performance.now() - t);
    checked.push(r.checkedFiles.length);
    errorsSeen += r.result.diagnosticsTotal;
    writeFileSync(abs, text);
    incrementalTypecheck(project, dir, [rel]); // back to green (not timed)
  }

  const coldMs = median(cold);
  const loopMs = median(loop);
  const ratio = loopMs / coldMs;
  const result = {
    files,
    coldTscMs: Math.round(coldMs),
    firstInLoopVerifyMs: Math.round(firstMs),
    inLoopVerifyMedianMs: Math.round(loopMs),
    inLoopVerifyMaxMs: Math.round(Math.max(...loop)),
    filesCheckedPerVerify: median(checked),
    diagnosticsSeen: errorsSeen,
    ratio: Number(ratio.toFixed(3)),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `\n| files | cold tsc --noEmit (ms) | first in-loop verify (ms) | in-loop verify after a one-file edit, median (ms) | max (ms) | files checked | ratio |\n|---:|---:|---:|---:|---:|---:|---:|\n| ${files} | ${ms(coldMs)} | ${ms(firstMs)} | ${ms(loopMs)} | ${ms(Math.max(...loop))} | ${median(checked)} | ${(ratio * 100).toFixed(1)}% |`,
  );
  if (ratio >= 0.2) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
