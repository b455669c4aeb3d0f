/**
 * Per-test results from a runner's own JSON report (jest --json, vitest --reporter=json) and
 * their comparison before and after a change. A test is identified by its file and full name
 * (describe titles + test title); a migration may declare how those change (`testRenames`).
 * The gate's test guards (missing-tests, skipped-tests) judge from this, not from source text.
 */
import type { VerifierResult } from '../report/run-report.js';

/** `skipped` covers jest `pending`/`disabled`/`skipped` and vitest `skipped`. */
export type TestCaseStatus = 'passed' | 'failed' | 'skipped' | 'todo';

export interface TestCase {
  /** Repository-relative POSIX path of the test file. */
  file: string;
  /** Full name: describe titles and the test title, joined by spaces (what both runners report). */
  name: string;
  status: TestCaseStatus;
}

/**
 * A verifier result with the runner's per-test results (kept in memory, not in the RunReport).
 * Shaped like the zod type it extends (the baseline cache parses it back with a schema).
 */
export interface VerifierRun extends VerifierResult {
  cases?: TestCase[] | undefined;
}

export interface TestRename {
  in: 'file' | 'name';
  pattern: string;
  replacement: string;
}

export function normalizeTestStatus(status: string): TestCaseStatus {
  switch (status) {
    case 'passed':
      return 'passed';
    case 'failed':
      return 'failed';
    case 'todo':
      return 'todo';
    default:
      // pending, skipped, disabled, focused-away: the test did not run.
      return 'skipped';
  }
}

/** The baseline identity of a test as the migration says it looks after the change. */
export function renamed(test: Pick<TestCase, 'file' | 'name'>, renames: ReadonlyArray<TestRename>): { file: string; name: string } {
  let { file, name } = test;
  for (const r of renames) {
    const re = new RegExp(r.pattern, 'g');
    if (r.in === 'file') file = file.replace(re, r.replacement);
    else name = name.replace(re, r.replacement);
  }
  return { file, name };
}

const key = (t: { file: string; name: string }): string => `${t.file}\u0000${t.name}`;

export interface TestComparison {
  /** Passed at baseline, absent after (after renames). */
  missing: TestCase[];
  /** Passed at baseline, failing after. */
  failing: TestCase[];
  /** Passed at baseline, skipped or todo after (the status after is on the entry). */
  nowSkipped: TestCase[];
  before: TestTally;
  after: TestTally;
}

export interface TestTally {
  /** Executed: passed + failed. */
  ran: number;
  passed: number;
  skipped: number;
  todo: number;
}

export function tally(cases: ReadonlyArray<TestCase>): TestTally {
  const count = (s: TestCaseStatus): number => cases.filter((c) => c.status === s).length;
  const passed = count('passed');
  return { ran: passed + count('failed'), passed, skipped: count('skipped'), todo: count('todo') };
}

/**
 * Compares per-test results. Tests with the same identity are matched in order (test.each may
 * produce duplicates), so one missing duplicate is still found.
 */
export function compareTestCases(before: ReadonlyArray<TestCase>, after: ReadonlyArray<TestCase>, renames: ReadonlyArray<TestRename> = []): TestComparison {
  const remaining = new Map<string, TestCase[]>();
  for (const t of after) {
    const k = key(t);
    const list = remaining.get(k);
    if (list) list.push(t);
    else remaining.set(k, [t]);
  }
  const missing: TestCase[] = [];
  const failing: TestCase[] = [];
  const nowSkipped: TestCase[] = [];
  for (const b of before) {
    const id = renamed(b, renames);
    const match = remaining.get(key(id))?.shift();
    if (b.status !== 'passed') continue;
    if (!match) missing.push({ ...id, status: b.status });
    else if (match.status === 'failed') failing.push(match);
    else if (match.status === 'skipped' || match.status === 'todo') nowSkipped.push(match);
  }
  return { missing, failing, nowSkipped, before: tally(before), after: tally(after) };
}

/** The result without its per-test list (what goes into the RunReport). */
export function withoutCases(run: VerifierRun): VerifierResult {
  const { cases: _cases, ...result } = run;
  return result;
}

/** The per-test results of the test verifier, when its runner wrote a report. */
export function testCasesOf(results: ReadonlyArray<VerifierRun>): TestCase[] | undefined {
  return results.find((r) => r.kind === 'test')?.cases;
}
