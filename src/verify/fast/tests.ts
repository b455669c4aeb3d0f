/** In-loop tests: only the tests related to the changed files (vitest related / jest --findRelatedTests). */
import type { VerifierResult } from '../../report/run-report.js';
import { detectVerifiers } from '../detect.js';
import { runVerifier } from '../run-verifiers.js';
import type { FastRunOptions } from './lint.js';

export async function relatedTests(dir: string, changed: ReadonlyArray<string>, options: FastRunOptions): Promise<VerifierResult | undefined> {
  if (!changed.length) return undefined;
  const test = detectVerifiers(dir, { typecheck: false, lint: false, test: true })[0];
  // An npm script cannot be narrowed to related tests; the gate runs it once in full.
  if (!test || (test.tool !== 'vitest' && test.tool !== 'jest')) return undefined;
  return runVerifier(dir, test, { ...options, relatedFiles: [...changed] });
}
