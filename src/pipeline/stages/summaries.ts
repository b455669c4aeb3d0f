/** One-line summaries of verifier results, for stage summaries and reasons. */
import type { VerifierResult } from '../../report/run-report.js';

export function summarizeResult(r: VerifierResult): string {
  const tests = r.tests ? ` (${r.tests.passed}/${r.tests.total} tests)` : '';
  const diags = r.status === 'pass' || r.diagnosticsTotal === 0 ? '' : `, ${r.diagnosticsTotal} diagnostic(s)`;
  return `${r.kind} ${r.status}${tests}${diags}`;
}

export function summarizeResults(results: ReadonlyArray<VerifierResult>): string {
  return results.length ? results.map(summarizeResult).join(' · ') : 'no verifiers found';
}

export function firstDiagnostic(r: VerifierResult): string {
  const d = r.diagnostics[0];
  if (!d) return r.outputTail.split('\n').slice(-1)[0] ?? '';
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
  return `${where}${d.code ? `${d.code} ` : ''}${d.message.split('\n', 1)[0]}`;
}
