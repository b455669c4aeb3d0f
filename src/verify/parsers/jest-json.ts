/**
 * The jest `--json` format, which vitest's `--reporter=json` also writes: test counts, and one
 * diagnostic per failing test (its full name, then the first lines of the failure).
 */
import { z } from 'zod';
import type { Diagnostic } from '../../report/run-report.js';
import { normalizeTestStatus, type TestCase } from '../test-cases.js';
import { firstLines, stripAnsi, toRelative, type ParsedOutput } from './common.js';

const jestJsonSchema = z.object({
  numTotalTests: z.number(),
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().default(0),
  numTodoTests: z.number().default(0),
  testResults: z
    .array(
      z.object({
        name: z.string(),
        status: z.string().optional(),
        message: z.string().optional(),
        assertionResults: z
          .array(
            z.object({
              fullName: z.string().optional(),
              ancestorTitles: z.array(z.string()).optional(),
              title: z.string(),
              status: z.string(),
              failureMessages: z.array(z.string()).nullable().optional(),
              location: z.object({ line: z.number(), column: z.number() }).nullable().optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

export function extractJsonObject(output: string): unknown {
  const start = output.indexOf('{');
  const end = output.lastIndexOf('}');
  if (start === -1 || end < start) return undefined;
  try {
    return JSON.parse(output.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/** Code of a failing test diagnostic; compare.ts matches failures by file + name. */
export const TEST_FAILED = 'test-failed';
export const SUITE_FAILED = 'suite-failed';

/** Line/column of the failure inside the test file, from the stack when the runner gives no location. */
function locationFromStack(failure: string, file: string): { line: number; column: number } | undefined {
  const base = file.split('/').pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${base}:(\\d+):(\\d+)`).exec(failure);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/**
 * Describe titles and the test title, joined by spaces. Built from the titles when there are
 * any: Vitest before 1.0 puts the file's unnamed default suite among them, so its `fullName`
 * reads " outer test" while Vitest 1+ and Jest say "outer test" for the same test.
 */
function fullName(a: { fullName?: string | undefined; ancestorTitles?: string[] | undefined; title: string }): string {
  if (a.ancestorTitles) return [...a.ancestorTitles.filter((t) => t !== ''), a.title].join(' ');
  return a.fullName ?? a.title;
}

export function parseJestJson(json: unknown, dir: string): ParsedOutput | undefined {
  const parsed = jestJsonSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const cases: TestCase[] = [];
  for (const file of r.testResults) {
    const rel = toRelative(dir, file.name);
    for (const a of file.assertionResults) {
      const name = fullName(a);
      cases.push({ file: rel, name, status: normalizeTestStatus(a.status) });
    }
    const failedAssertions = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failedAssertions) {
      const name = fullName(a);
      const failure = stripAnsi((a.failureMessages ?? []).join('\n'));
      const detail = firstLines(failure, 4);
      const location = a.location ?? locationFromStack(failure, file.name);
      diagnostics.push({
        file: rel,
        line: location?.line,
        column: location?.column,
        code: TEST_FAILED,
        message: detail ? `${name}\n${detail}` : name,
        severity: 'error',
      });
    }
    if (file.status === 'failed' && failedAssertions.length === 0) {
      diagnostics.push({ file: rel, code: SUITE_FAILED, message: `test file failed\n${firstLines(stripAnsi(file.message ?? ''), 5)}`.trimEnd(), severity: 'error' });
    }
  }
  return {
    diagnostics,
    tests: {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
      total: r.numTotalTests,
    },
    cases,
  };
}
