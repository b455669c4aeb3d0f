/**
 * Fast verify, run inside the agent loop after each round of edits: incremental typecheck
 * (one ts-morph Project), lint of the changed files, related tests. Diagnostics that were
 * already there at baseline are not "new"; only new ones are fed back to the model.
 */
import type { Project } from 'ts-morph';
import type { Diagnostic, VerifierResult } from '../../report/run-report.js';
import { compareWithBaseline } from '../compare.js';
import { lintChangedFiles, type FastRunOptions } from './lint.js';
import { relatedTests } from './tests.js';
import { incrementalTypecheck } from './typecheck.js';

export interface FastVerifyOptions extends FastRunOptions {
  dir: string;
  project: Project;
  /** Repository-relative paths changed (written, created or deleted) so far in the loop. */
  changed: ReadonlyArray<string>;
  baseline: ReadonlyArray<VerifierResult>;
  typecheck?: boolean;
  lint?: boolean;
  test?: boolean;
}

export interface FastVerifyResult {
  results: VerifierResult[];
  /** Error diagnostics not present at baseline, across verifiers. */
  newErrors: Diagnostic[];
  /** Failing related tests when the test verifier was green at baseline. */
  failingTests: VerifierResult | undefined;
  ok: boolean;
}

export async function fastVerify(options: FastVerifyOptions): Promise<FastVerifyResult> {
  const results: VerifierResult[] = [];
  if (options.typecheck !== false) results.push(incrementalTypecheck(options.project, options.dir, options.changed).result);
  if (options.lint !== false) {
    const lint = await lintChangedFiles(options.dir, options.changed, options);
    if (lint) results.push(lint);
  }
  if (options.test !== false) {
    const tests = await relatedTests(options.dir, options.changed, options);
    if (tests) results.push(tests);
  }
  const compared = compareWithBaseline(options.baseline, results);
  const newErrors = compared.flatMap((r) => (r.newDiagnostics ?? []).filter((d) => d.severity === 'error'));
  const testResult = compared.find((r) => r.kind === 'test');
  const baselineTest = options.baseline.find((r) => r.kind === 'test');
  const failingTests =
    testResult && testResult.status !== 'pass' && testResult.status !== 'skipped' && (!baselineTest || baselineTest.status === 'pass')
      ? testResult
      : undefined;
  return { results: compared, newErrors, failingTests, ok: newErrors.length === 0 && !failingTests };
}

/** Condensed feedback for the model: new errors with file, line, column and code; capped. */
export function formatFeedback(result: FastVerifyResult, max = 20): string {
  const lines: string[] = [];
  for (const d of result.newErrors.slice(0, max)) {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '(project)';
    lines.push(`${where} - error ${d.code ?? ''}: ${d.message.split('\n').slice(0, 4).join('\n    ')}`.replace(' error :', ' error:'));
  }
  if (result.newErrors.length > max) lines.push(`… and ${result.newErrors.length - max} more new errors`);
  if (result.failingTests && !result.newErrors.some((d) => d.code === undefined && d.file)) {
    const t = result.failingTests;
    const counts = t.tests ? ` (${t.tests.failed} failed of ${t.tests.total})` : '';
    lines.push(`Related tests fail${counts}: ${t.command}`);
    if (!t.diagnostics.length && t.outputTail) lines.push(t.outputTail.split('\n').slice(-20).join('\n'));
  }
  return lines.join('\n');
}

export { incrementalTypecheck, syncChangedFiles, ensureProjectFiles } from './typecheck.js';
