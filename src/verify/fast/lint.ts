/** In-loop lint: the repository's own eslint on the changed files only. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { VerifierResult } from '../../report/run-report.js';
import { detectVerifiers } from '../detect.js';
import { runVerifier } from '../run-verifiers.js';

const LINTABLE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;

export interface FastRunOptions {
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
}

/** Undefined when the repository has no eslint (or nothing lintable changed). */
export async function lintChangedFiles(dir: string, changed: ReadonlyArray<string>, options: FastRunOptions): Promise<VerifierResult | undefined> {
  const files = changed.filter((f) => LINTABLE.test(f) && existsSync(path.join(dir, f)));
  if (!files.length) return undefined;
  const lint = detectVerifiers(dir, { typecheck: false, lint: true, test: false })[0];
  if (!lint || lint.tool !== 'eslint') return undefined;
  // `./` so that a file name starting with "-" is never read as an option.
  const args = [...files.map((f) => `./${f}`), ...lint.args.filter((a) => a !== '.')];
  return runVerifier(dir, { ...lint, args, label: `eslint ${files.length} changed file(s)` }, options);
}
