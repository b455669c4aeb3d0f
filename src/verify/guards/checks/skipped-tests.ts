import type { GuardFinding } from '../../../report/run-report.js';
import { compareTestCases, testCasesOf, type TestCase } from '../../test-cases.js';
import { fileDiffs, type FileDiff } from '../../../diff/index.js';
import { netNewMatches } from '../diff-lines.js';
import type { Guard } from '../types.js';

const FN = '(?:it|test|describe|context|suite|bench)(?:\\.(?:concurrent|sequential|each))?';
/** Every skip, focus, todo and expected-failure form, for when no runner report exists. */
const ANY_MODIFIER = new RegExp(`\\b${FN}\\.(?:skip|only|todo|fails|failing|skipIf|runIf)\\b|\\b(?:xit|xtest|xdescribe|xcontext|fit|ftest|fdescribe)\\s*\\(`);
/**
 * Checked in the diff even when reports exist: a runner reports an expected failure
 * (`it.fails`, `test.failing`) as passed, and a conditional skip (`skipIf`, `runIf`) may run in
 * the gate and skip everywhere else.
 */
const ALWAYS = new RegExp(`\\b${FN}\\.(?:fails|failing|skipIf|runIf)\\b`);

/**
 * Jest's x-/f- prefixes written as the modifier they mean (`xit(` and `xit.each(` → `it.skip`),
 * and Jest's `.failing` as Vitest's `.fails`, so `xit` → `it.skip` or `it.failing` → `it.fails`
 * is no change.
 */
export function normalizeModifiers(line: string): string {
  return line
    .replace(/\bx(it|test|describe|context)(\s*[(.])/g, '$1.skip$2')
    .replace(/\bf(it|test|describe)(\s*[(.])/g, '$1.only$2')
    .replace(new RegExp(`\\b(${FN})\\.failing\\b`, 'g'), '$1.fails');
}

function normalized(files: ReadonlyArray<FileDiff>): FileDiff[] {
  const norm = (l: { line: number; text: string }) => ({ line: l.line, text: normalizeModifiers(l.text) });
  return files.map((f) => ({ ...f, added: f.added.map(norm), removed: f.removed.map(norm) }));
}

function textFindings(files: ReadonlyArray<FileDiff>, pattern: RegExp): GuardFinding[] {
  return netNewMatches(files, pattern).map((m) => ({
    guard: 'skipped-tests',
    severity: 'block' as const,
    message: `new \`${m.match.replace(/\s*\($/, '')}\` in ${m.path}:${m.line}`,
    file: m.path,
    line: m.line,
  }));
}

const MAX_LISTED = 10;

function reportFindings(before: ReadonlyArray<TestCase>, after: ReadonlyArray<TestCase>, renames: Parameters<typeof compareTestCases>[2]): GuardFinding[] {
  const c = compareTestCases(before, after, renames);
  const findings: GuardFinding[] = c.nowSkipped.slice(0, MAX_LISTED).map((t) => ({
    guard: 'skipped-tests',
    severity: 'block' as const,
    message: `"${t.name}" passed at baseline and is ${t.status === 'todo' ? 'todo' : 'skipped'} now (runner report)`,
    file: t.file,
  }));
  if (c.nowSkipped.length > MAX_LISTED) {
    findings.push({ guard: 'skipped-tests', severity: 'block', message: `${c.nowSkipped.length - MAX_LISTED} more test(s) that passed at baseline are skipped now` });
  }
  // New tests that arrive skipped or todo (the per-test findings above already explain some).
  for (const status of ['skipped', 'todo'] as const) {
    const explained = c.nowSkipped.filter((t) => t.status === status).length;
    const more = c.after[status] - c.before[status];
    if (more > explained) {
      findings.push({ guard: 'skipped-tests', severity: 'block', message: `${c.after[status]} ${status} test(s) after the change, ${c.before[status]} at baseline (runner report)` });
    }
  }
  return findings;
}

export const skippedTests: Guard = {
  name: 'skipped-tests',
  description:
    'Tests skipped, focused away or marked todo that ran at baseline, judged from the runner reports (per test, before and after); new .fails/.failing/.skipIf/.runIf always; the text of every modifier when no report exists.',
  check({ diff, baseline, final, migration }) {
    const files = normalized(fileDiffs(diff));
    const before = testCasesOf(baseline);
    const after = testCasesOf(final);
    if (before && after) return [...reportFindings(before, after, migration.testRenames), ...textFindings(files, ALWAYS)];
    return textFindings(files, ANY_MODIFIER);
  },
};
