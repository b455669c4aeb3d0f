/**
 * Compares verifier results after a change with the baseline: which diagnostics are new, how
 * many baseline ones are gone, and whether the gate passes. Diagnostics match by file + code
 * + first line of the message — never by line numbers, which shift with every edit.
 */
import type { Diagnostic, VerifierResult } from '../report/run-report.js';

export function diagnosticKey(d: Diagnostic): string {
  const first = d.message.split('\n', 1)[0]!.trim();
  return `${d.file ?? ''}\u0000${d.code ?? ''}\u0000${first}`;
}

function countKeys(ds: ReadonlyArray<Diagnostic>): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(diagnosticKey(d), (m.get(diagnosticKey(d)) ?? 0) + 1);
  return m;
}

/** The final results with `newDiagnostics` and `fixedCount` filled in against the baseline. */
export function compareWithBaseline<T extends VerifierResult>(baseline: ReadonlyArray<VerifierResult>, final: ReadonlyArray<T>): T[] {
  return final.map((f) => {
    const base = baseline.find((b) => b.kind === f.kind);
    const remaining = countKeys(base?.diagnostics ?? []);
    const newDiagnostics: Diagnostic[] = [];
    for (const d of f.diagnostics) {
      const k = diagnosticKey(d);
      const n = remaining.get(k) ?? 0;
      if (n > 0) remaining.set(k, n - 1);
      else newDiagnostics.push(d);
    }
    const matched = f.diagnostics.length - newDiagnostics.length;
    const fixedCount = Math.max(0, (base?.diagnostics.length ?? 0) - matched);
    return { ...f, newDiagnostics, fixedCount };
  });
}

export interface GateVerdict {
  ok: boolean;
  /** Why the gate failed, one line per reason (empty when ok). */
  reasons: string[];
}

/**
 * The gate: no new error diagnostics, and no verifier that was green at baseline is red now.
 * Call with results from compareWithBaseline.
 */
export function gateVerdict(baseline: ReadonlyArray<VerifierResult>, compared: ReadonlyArray<VerifierResult>): GateVerdict {
  const reasons: string[] = [];
  for (const f of compared) {
    const base = baseline.find((b) => b.kind === f.kind);
    const fresh = (f.newDiagnostics ?? []).filter((d) => d.severity === 'error');
    if (fresh.length) {
      const first = fresh[0]!;
      const where = first.file ? `${first.file}${first.line ? `:${first.line}` : ''} ` : '';
      reasons.push(`${f.kind}: ${fresh.length} new diagnostic(s), e.g. ${where}${first.code ? `${first.code} ` : ''}${first.message.split('\n', 1)[0]}`);
    } else if (f.status !== 'pass' && f.status !== 'skipped' && (!base || base.status === 'pass')) {
      reasons.push(`${f.kind}: ${f.command} was green at baseline and is ${f.status} now`);
    } else if (f.status === 'timeout' || f.status === 'error') {
      reasons.push(`${f.kind}: ${f.command} ended with ${f.status}`);
    }
  }
  return { ok: reasons.length === 0, reasons };
}

/** Baseline verifiers that are not green (for `requireGreenBaseline`). */
export function redBaseline(baseline: ReadonlyArray<VerifierResult>): VerifierResult[] {
  return baseline.filter((b) => b.status !== 'pass' && b.status !== 'skipped');
}

/**
 * The verifiers that judged the change: a typecheck that ran, or a test run that executed at
 * least one test. Lint alone does not judge behaviour; with none of these the run is `unverified`.
 */
export function judgingResults(results: ReadonlyArray<VerifierResult>): VerifierResult[] {
  return results.filter((r) => {
    if (r.status !== 'pass' && r.status !== 'fail') return false;
    if (r.kind === 'typecheck') return true;
    if (r.kind === 'test') return !r.tests || r.tests.passed + r.tests.failed > 0;
    return false;
  });
}
