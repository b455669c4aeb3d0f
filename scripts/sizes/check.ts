/**
 * Compares measured sizes with the committed baseline: the limits, and every file and function
 * over them with the size it had when it was recorded. Nothing may grow past its record, and
 * nothing new may pass a limit; what shrank or dropped under the limit is a hint to lower the
 * record (`--update`), not a failure.
 */
import { z } from 'zod';
import type { Sizes } from './measure.js';

export const baselineSchema = z.object({
  limits: z.object({ fileLines: z.number().int().positive(), functionLines: z.number().int().positive() }),
  /** Files over `limits.fileLines`: path → lines when recorded. */
  files: z.record(z.string(), z.number().int()),
  /** Functions over `limits.functionLines`: `path:name` → lines when recorded. */
  functions: z.record(z.string(), z.number().int()),
});
export type Baseline = z.infer<typeof baselineSchema>;

export interface SizeReport {
  /** Each names the file or function and its size: any of them fails the check. */
  failures: string[];
  /** Records that can be lowered or removed. */
  hints: string[];
}

function compare(kind: 'file' | 'function', measured: Map<string, number>, recorded: Record<string, number>, limit: number, report: SizeReport): void {
  for (const [name, lines] of measured) {
    const record = recorded[name];
    if (record === undefined) {
      if (lines > limit) report.failures.push(`${kind} ${name} has ${lines} lines, over the ${limit}-line limit`);
    } else if (lines > record) {
      report.failures.push(`${kind} ${name} grew to ${lines} lines (recorded: ${record}; limit: ${limit})`);
    } else if (lines < record) {
      report.hints.push(`${kind} ${name} shrank to ${lines} lines (recorded: ${record})${lines <= limit ? ', now within the limit' : ''}`);
    }
  }
  for (const name of Object.keys(recorded)) {
    if (!measured.has(name)) report.hints.push(`${kind} ${name} is recorded but no longer exists`);
  }
}

export function checkSizes(sizes: Sizes, baseline: Baseline): SizeReport {
  const report: SizeReport = { failures: [], hints: [] };
  compare('file', sizes.files, baseline.files, baseline.limits.fileLines, report);
  compare('function', sizes.functions, baseline.functions, baseline.limits.functionLines, report);
  return report;
}

/** The baseline that records today's sizes: everything over the limits, sorted by name. */
export function baselineOf(sizes: Sizes, limits: Baseline['limits']): Baseline {
  const over = (m: Map<string, number>, limit: number) => Object.fromEntries([...m].filter(([, lines]) => lines > limit).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { limits, files: over(sizes.files, limits.fileLines), functions: over(sizes.functions, limits.functionLines) };
}
