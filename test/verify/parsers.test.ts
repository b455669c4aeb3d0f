/** Parsers on recorded output shapes (the real tools run in run-verifiers.test.ts). */
import { describe, expect, it } from 'vitest';
import { parseTscOutput } from '../../src/verify/parsers/tsc.js';
import { parseEslintOutput } from '../../src/verify/parsers/eslint.js';
import { parseJestOutput } from '../../src/verify/parsers/jest.js';

describe('parseTscOutput', () => {
  it('keeps continuation lines (capped) and global errors', () => {
    const out = [
      "src/a.ts(4,7): error TS2322: Type '{ a: string; }' is not assignable to type 'B'.",
      "  Property 'b' is missing in type '{ a: string; }' but required in type 'B'.",
      'error TS5083: Cannot read file \'/x/tsconfig.base.json\'.',
      '/abs/elsewhere.ts(1,1): warning TS6133: unused',
    ].join('\n');
    const { diagnostics } = parseTscOutput(out, '/repo');
    expect(diagnostics).toHaveLength(3);
    expect(diagnostics[0]).toMatchObject({ file: 'src/a.ts', line: 4, column: 7, code: 'TS2322' });
    expect(diagnostics[0]!.message).toContain("Property 'b' is missing");
    expect(diagnostics[1]).toMatchObject({ code: 'TS5083' });
    expect(diagnostics[1]!.file).toBeUndefined();
    expect(diagnostics[2]).toMatchObject({ file: '/abs/elsewhere.ts', severity: 'warning' });
  });
});

describe('parseEslintOutput', () => {
  it('returns undefined for output that is not eslint JSON', () => {
    expect(parseEslintOutput('Oops! Something went wrong!', '/repo')).toBeUndefined();
  });
  it('maps severity 1 to warning and a null rule to eslint', () => {
    const json = JSON.stringify([{ filePath: '/repo/src/x.ts', messages: [{ ruleId: null, severity: 1, message: 'Parsing', line: 1, column: 2 }] }]);
    expect(parseEslintOutput(json, '/repo')!.diagnostics).toEqual([{ file: 'src/x.ts', line: 1, column: 2, code: 'eslint', message: 'Parsing', severity: 'warning' }]);
  });
});

describe('parseJestOutput', () => {
  it('reads jest --json: counts, failing tests, and suites that failed to run', () => {
    const json = {
      numTotalTests: 3,
      numPassedTests: 1,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: [
        {
          name: '/repo/a.test.js',
          status: 'failed',
          assertionResults: [
            { fullName: 'math adds', title: 'adds', status: 'failed', failureMessages: ['Error: expect(received).toBe(expected)\n\nExpected: 3\nReceived: 2\n    at Object.<anonymous> (a.test.js:3:17)\n    at x\n    at y'] },
            { fullName: 'math ok', title: 'ok', status: 'passed', failureMessages: [] },
          ],
        },
        { name: '/repo/b.test.js', status: 'failed', message: "Cannot find module './missing'", assertionResults: [] },
      ],
    };
    const parsed = parseJestOutput(`some noise\n${JSON.stringify(json)}\n`, '/repo')!;
    expect(parsed.tests).toEqual({ passed: 1, failed: 1, skipped: 1, total: 3 });
    expect(parsed.diagnostics.map((x) => [x.file, x.code, x.message.split('\n')[0]])).toEqual([
      ['a.test.js', 'test-failed', 'math adds'],
      ['b.test.js', 'suite-failed', 'test file failed'],
    ]);
    expect(parsed.diagnostics[0]!.message.split('\n').length).toBeLessThanOrEqual(6);
    expect(parsed.diagnostics[0]).toMatchObject({ line: 3, column: 17 });
    expect(parsed.cases).toEqual([
      { file: 'a.test.js', name: 'math adds', status: 'failed' },
      { file: 'a.test.js', name: 'math ok', status: 'passed' },
    ]);
  });

  it('per-test results: the full name from ancestor titles when the runner gives none; pending/todo normalised', () => {
    const json = {
      numTotalTests: 2,
      numPassedTests: 0,
      numFailedTests: 0,
      numPendingTests: 1,
      numTodoTests: 1,
      testResults: [
        {
          name: '/repo/test/x.test.ts',
          status: 'passed',
          assertionResults: [
            { ancestorTitles: ['outer', 'inner'], title: 'skipped one', status: 'pending' },
            { ancestorTitles: ['outer'], title: 'later', status: 'todo' },
          ],
        },
      ],
    };
    expect(parseJestOutput(JSON.stringify(json), '/repo')!.cases).toEqual([
      { file: 'test/x.test.ts', name: 'outer inner skipped one', status: 'skipped' },
      { file: 'test/x.test.ts', name: 'outer later', status: 'todo' },
    ]);
  });

  it("per-test results: Vitest 0.34's unnamed default suite is not part of the name", () => {
    // Vitest < 1 reports the file's default suite ('') among the ancestors: fullName " merge replaces arrays".
    const json = {
      numTotalTests: 2,
      numPassedTests: 1,
      numFailedTests: 1,
      testResults: [
        {
          name: '/repo/test/merge.test.ts',
          status: 'failed',
          assertionResults: [
            { ancestorTitles: ['', 'merge'], fullName: ' merge replaces arrays', title: 'replaces arrays', status: 'passed' },
            { ancestorTitles: [''], fullName: ' top level', title: 'top level', status: 'failed', failureMessages: ['boom'] },
          ],
        },
      ],
    };
    const parsed = parseJestOutput(JSON.stringify(json), '/repo')!;
    expect(parsed.cases).toEqual([
      { file: 'test/merge.test.ts', name: 'merge replaces arrays', status: 'passed' },
      { file: 'test/merge.test.ts', name: 'top level', status: 'failed' },
    ]);
    expect(parsed.diagnostics[0]!.message.split('\n')[0]).toBe('top level');
  });
});
