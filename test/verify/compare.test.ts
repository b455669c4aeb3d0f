import { describe, expect, it } from 'vitest';
import { compareWithBaseline, gateVerdict, redBaseline } from '../../src/verify/compare.js';
import type { Diagnostic, VerifierResult } from '../../src/report/run-report.js';

function result(kind: VerifierResult['kind'], status: VerifierResult['status'], diagnostics: Diagnostic[] = []): VerifierResult {
  return { kind, command: kind, status, exitCode: status === 'pass' ? 0 : 1, durationMs: 1, diagnostics, diagnosticsTotal: diagnostics.length, outputTail: '' };
}
const d = (file: string, line: number, code: string, message: string): Diagnostic => ({ file, line, code, message, severity: 'error' });

describe('compareWithBaseline', () => {
  it('matches by file, code and message — not by line numbers', () => {
    const base = [result('typecheck', 'fail', [d('a.ts', 3, 'TS2322', 'x'), d('b.ts', 1, 'TS1', 'y')])];
    const final = [result('typecheck', 'fail', [d('a.ts', 10, 'TS2322', 'x'), d('c.ts', 1, 'TS2', 'z')])];
    const [cmp] = compareWithBaseline(base, final);
    expect(cmp!.newDiagnostics).toEqual([d('c.ts', 1, 'TS2', 'z')]);
    expect(cmp!.fixedCount).toBe(1);
  });

  it('counts duplicates: a second identical diagnostic is new', () => {
    const base = [result('lint', 'fail', [d('a.ts', 1, 'no-x', 'm')])];
    const final = [result('lint', 'fail', [d('a.ts', 1, 'no-x', 'm'), d('a.ts', 9, 'no-x', 'm')])];
    expect(compareWithBaseline(base, final)[0]!.newDiagnostics).toHaveLength(1);
  });

  it('matches failing tests by name even when the failure detail changes', () => {
    const base = [result('test', 'fail', [d('t.ts', 1, 'test-failed', 'adds\nexpected 1 to be 2')])];
    const final = [result('test', 'fail', [d('t.ts', 1, 'test-failed', 'adds\nexpected 5 to be 2')])];
    expect(compareWithBaseline(base, final)[0]!.newDiagnostics).toEqual([]);
  });
});

describe('gateVerdict', () => {
  it('fails when a verifier green at baseline is red now, even without parsed diagnostics', () => {
    const base = [result('test', 'pass')];
    const cmp = compareWithBaseline(base, [result('test', 'fail')]);
    expect(gateVerdict(base, cmp)).toEqual({ ok: false, reasons: ['test: test was green at baseline and is fail now'] });
  });

  it('passes when a red baseline stays red with the same diagnostics; warnings never fail it', () => {
    const base = [result('lint', 'fail', [d('a.ts', 1, 'r', 'm')])];
    const cmp = compareWithBaseline(base, [result('lint', 'fail', [d('a.ts', 2, 'r', 'm'), { ...d('b.ts', 1, 'w', 'warn'), severity: 'warning' }])]);
    expect(gateVerdict(base, cmp).ok).toBe(true);
    expect(redBaseline(base)).toHaveLength(1);
  });

  it('fails on a timeout', () => {
    const base = [result('test', 'fail')];
    expect(gateVerdict(base, compareWithBaseline(base, [result('test', 'timeout')])).ok).toBe(false);
  });
});
