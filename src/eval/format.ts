/** Human-readable eval output (the non-JSON form of `godwit eval`). */
import type { CaseResult, EvalReport } from './types.js';

export function formatCaseLine(r: CaseResult): string {
  const mark = r.status === 'skipped' ? 'SKIP' : r.passed ? 'PASS' : 'FAIL';
  const llm = r.needsLlm ? ' [llm]' : '';
  const tail = r.status === 'skipped' ? r.reason : `${r.status} (${r.durationMs} ms${r.tokens ? `, ${r.tokens} tokens` : ''})`;
  return `${mark}  ${r.name}${llm}  ${tail}`;
}

export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  for (const r of report.cases) {
    if (r.passed || r.status === 'skipped') continue;
    lines.push(`--- ${r.name}: ${r.reason}`);
    if (r.diff) lines.push(r.diff.trimEnd());
  }
  const pct = (report.passRate * 100).toFixed(1);
  lines.push(
    `${report.migration}: ${report.passed}/${report.total - report.skipped} passed (${pct}%)` +
      `${report.skipped ? `, ${report.skipped} skipped (needs LLM)` : ''}, ${report.durationMs} ms, ${report.tokens} tokens`,
  );
  lines.push(`${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}`);
  return lines.join('\n');
}
