/**
 * Runs detected verifiers one after another and condenses each run into a VerifierResult.
 * Tools with a machine-readable format write it to a file outside the workspace, so it is
 * neither mixed with their console output nor cut by the output cap.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VerifierResult } from '../report/run-report.js';
import type { Verifier } from './detect.js';
import { parseEslintOutput } from './parsers/eslint.js';
import { parseJestOutput } from './parsers/jest.js';
import { MAX_DIAGNOSTICS, stripAnsi, type ParsedOutput } from './parsers/common.js';
import { parseTscOutput } from './parsers/tsc.js';
import { parseVitestOutput } from './parsers/vitest.js';
import { repositoryPath, runCommand, type CommandResult } from '../process/index.js';
import type { VerifierRun } from './test-cases.js';

export interface RunVerifiersOptions {
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
  /**
   * Repository-relative files: the test verifier runs only the tests related to them
   * (`vitest related <files> --run`, jest `--findRelatedTests`). Other verifiers ignore it.
   * Undefined or empty: the full suite. An npm `test` script cannot select tests: full suite.
   */
  relatedFiles?: string[];
  /** Added to every command's environment (corepack's settings); PATH is set by tool-path.ts. */
  env?: Record<string, string>;
  /** Folder of the corepack `pnpm`/`yarn` shims, put on PATH after the clone's node_modules/.bin. */
  shimDir?: string;
  /** Typecheck and lint verifiers run at once (verify.parallel); default 1: one after another. */
  parallel?: number;
}

const OUTPUT_TAIL_CHARS = 4000;
const MAX_JSON_BYTES = 64 * 1024 * 1024;

function invocation(v: Verifier, outputFile: string, relatedFiles: string[] | undefined): string[] {
  switch (v.tool) {
    case 'vitest':
      // --allowOnly: under CI=true Vitest fails a focused test (`it.only`) where Jest runs it (`fit`).
      // Focus that hides other tests shows in the report as skipped tests (guards/skipped-tests).
      return [
        ...(relatedFiles?.length
          ? ['related', ...relatedFiles, ...v.args.slice(v.args[0] === 'run' ? 1 : 0), '--run', `--outputFile=${outputFile}`, '--passWithNoTests']
          : [...v.args, `--outputFile=${outputFile}`]),
        ...(v.args.includes('--allowOnly') ? [] : ['--allowOnly']),
      ];
    case 'jest':
      return relatedFiles?.length
        ? [...v.args, `--outputFile=${outputFile}`, '--passWithNoTests', '--findRelatedTests', ...relatedFiles]
        : [...v.args, `--outputFile=${outputFile}`];
    case 'eslint':
      return [...v.args, '--output-file', outputFile];
    default:
      return v.args;
  }
}

function readOutputFile(file: string): string | undefined {
  if (!existsSync(file) || statSync(file).size > MAX_JSON_BYTES) return undefined;
  return readFileSync(file, 'utf8');
}

function parse(v: Verifier, run: CommandResult, structured: string | undefined, dir: string): ParsedOutput | undefined {
  switch (v.tool) {
    case 'tsc':
      return parseTscOutput(run.output, dir);
    case 'eslint':
      return parseEslintOutput(structured ?? run.output, dir);
    case 'vitest':
      return parseVitestOutput(structured ?? run.output, dir);
    case 'jest':
      return parseJestOutput(structured ?? run.output, dir);
    case 'npm-script':
      // A typecheck script usually runs tsc: its lines parse; anything else stays in the tail.
      return v.kind === 'typecheck' ? parseTscOutput(run.output, dir) : undefined;
    case 'missing':
      return undefined;
  }
}

function statusOf(run: CommandResult, parsed: ParsedOutput | undefined): VerifierResult['status'] {
  if (run.timedOut) return 'timeout';
  if (run.cancelled || run.spawnError) return 'error';
  if (run.exitCode === 0) return parsed?.diagnostics.some((d) => d.severity === 'error') ? 'fail' : 'pass';
  return 'fail';
}

export async function runVerifier(dir: string, verifier: Verifier, options: RunVerifiersOptions): Promise<VerifierRun> {
  if (verifier.tool === 'missing') {
    return {
      kind: verifier.kind,
      command: verifier.label,
      status: 'error',
      exitCode: null,
      durationMs: 0,
      diagnostics: [{ code: 'not-installed', message: `${verifier.bin} is not installed in the repository (node_modules/.bin/${verifier.bin})`, severity: 'error' }],
      diagnosticsTotal: 1,
      outputTail: `[godwit] ${verifier.bin} not found: install the dependencies (run without --no-install)`,
    };
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-verify-'));
  const env = { ...options.env, ...verifier.env, PATH: repositoryPath(dir, options.shimDir ? { shimDir: options.shimDir } : {}) };
  // The sandbox: the report folder read-write (godwit reads the JSON after the run), corepack's
  // pnpm/yarn and their shims read-only.
  const readOnly = [options.env?.COREPACK_HOME, options.shimDir].filter((p): p is string => Boolean(p));
  const sandbox = { writable: [tmp], readOnly };
  const commandOptions = { cwd: dir, timeoutMs: options.timeoutMs, maxOutputBytes: options.maxOutputBytes, env, signal: options.signal, sandbox };
  // A verifier's time includes its `pre*` steps: all of it is the repository's own commands
  // (what "godwit's own share" of a job leaves out, bench/queue/campaign.ts).
  let setupMs = 0;
  try {
    for (const setup of verifier.before ?? []) {
      const run = await runCommand(setup.bin, setup.args, commandOptions);
      setupMs += run.durationMs;
      if (run.exitCode !== 0 || run.timedOut || run.cancelled || run.spawnError) return { ...setupFailure(verifier, setup.label, run, options), durationMs: setupMs };
    }
    const outputFile = path.join(tmp, 'result.json');
    const args = invocation(verifier, outputFile, verifier.kind === 'test' ? options.relatedFiles : undefined);
    const run = await runCommand(verifier.bin, args, commandOptions);
    const parsed = parse(verifier, run, readOutputFile(outputFile), dir);
    const limit = run.limit ? [{ code: 'sandbox-limit', message: `${verifier.label} hit the sandbox's ${run.limit}`, severity: 'error' as const }] : [];
    const all = [...limit, ...(parsed?.diagnostics ?? [])];
    const status = statusOf(run, parsed);
    let tail = stripAnsi(run.tail).slice(-OUTPUT_TAIL_CHARS);
    if (run.timedOut) tail += `\n[godwit] killed after ${options.timeoutMs} ms`;
    if (run.spawnError) tail += `\n[godwit] could not start ${verifier.bin}: ${run.spawnError}`;
    if (run.truncated) tail += `\n[godwit] output capped at ${options.maxOutputBytes} bytes`;
    return {
      kind: verifier.kind,
      command: verifier.label + (args.includes('related') || args.includes('--findRelatedTests') ? ' (related tests)' : ''),
      status,
      exitCode: run.exitCode,
      durationMs: setupMs + run.durationMs,
      diagnostics: all.slice(0, MAX_DIAGNOSTICS),
      diagnosticsTotal: all.length,
      ...(parsed?.tests ? { tests: parsed.tests } : {}),
      ...(parsed?.cases ? { cases: parsed.cases } : {}),
      outputTail: tail.trim(),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A `pre*` script that failed fails its verifier, with its own output. */
function setupFailure(verifier: Verifier, label: string, run: CommandResult, options: RunVerifiersOptions): VerifierResult {
  const why = run.timedOut ? `killed after ${options.timeoutMs} ms` : run.spawnError ? `could not start: ${run.spawnError}` : `exited with ${run.exitCode}`;
  return {
    kind: verifier.kind,
    command: verifier.label,
    status: run.timedOut ? 'timeout' : run.exitCode === null ? 'error' : 'fail',
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    diagnostics: [{ code: 'setup-failed', message: `${label} ${why}`, severity: 'error' }],
    diagnosticsTotal: 1,
    outputTail: `${stripAnsi(run.tail).slice(-OUTPUT_TAIL_CHARS).trim()}\n[godwit] ${label} ${why}`.trim(),
  };
}

/**
 * Runs the verifiers; results in the order given. With `parallel` > 1 the typecheck and lint
 * verifiers (they only read the tree) run that many at once; test verifiers (they may write
 * snapshots and caches) run after them, one at a time.
 */
export async function runVerifiers(dir: string, verifiers: ReadonlyArray<Verifier>, options: RunVerifiersOptions): Promise<VerifierRun[]> {
  const results: Array<VerifierRun | undefined> = verifiers.map(() => undefined);
  const run = async (i: number) => {
    if (!options.signal?.aborted) results[i] = await runVerifier(dir, verifiers[i]!, options);
  };
  const parallel = Math.max(1, options.parallel ?? 1);
  const indexes = verifiers.map((_, i) => i);
  const concurrent = parallel > 1 ? indexes.filter((i) => verifiers[i]!.kind !== 'test') : [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, concurrent.length) }, async () => {
      while (next < concurrent.length) await run(concurrent[next++]!);
    }),
  );
  for (const i of indexes) if (!concurrent.includes(i)) await run(i);
  return results.filter((r): r is VerifierRun => r !== undefined);
}
