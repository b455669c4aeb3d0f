/**
 * Shared by the per-migration tests: runs `godwit eval` (the function) on a catalog migration's
 * own cases and checks that every deterministic case passes.
 */
import { expect } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { runEval } from '../../src/eval/index.js';
import type { EvalReport } from '../../src/eval/index.js';

export async function evalCatalogMigration(id: string): Promise<EvalReport> {
  const report = await runEval(await getMigration(id));
  const failures = report.cases.filter((c) => !c.passed && c.status !== 'skipped');
  // On failure, show which cases and their diffs rather than a bare count.
  expect(failures.map((c) => `${c.name}: ${c.reason}\n${c.diff ?? ''}`)).toEqual([]);
  expect(report.failed).toBe(0);
  expect(report.passRate).toBe(1);
  expect(report.total).toBeGreaterThanOrEqual(40);
  expect(report.cases.some((c) => c.expectedStatus === 'not-applicable' && c.passed)).toBe(true);
  // Without a model, LLM cases are reported skipped, never failed.
  for (const c of report.cases.filter((c) => c.needsLlm)) expect(c.status).toBe('skipped');
  return report;
}
