/** Condenses `eslint --format json` output to one diagnostic per message. */
import { z } from 'zod';
import type { Diagnostic } from '../../report/run-report.js';
import { toRelative, type ParsedOutput } from './common.js';

const eslintOutputSchema = z.array(
  z.object({
    filePath: z.string(),
    messages: z.array(
      z.object({
        ruleId: z.string().nullable().optional(),
        severity: z.number(),
        message: z.string(),
        line: z.number().optional(),
        column: z.number().optional(),
      }),
    ),
  }),
);

/** Finds the JSON array in the output (eslint may print warnings around it). */
function extractJson(output: string): unknown {
  const start = output.indexOf('[');
  const end = output.lastIndexOf(']');
  if (start === -1 || end < start) return undefined;
  try {
    return JSON.parse(output.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

export function parseEslintOutput(output: string, dir: string): ParsedOutput | undefined {
  const parsed = eslintOutputSchema.safeParse(extractJson(output));
  if (!parsed.success) return undefined;
  const diagnostics: Diagnostic[] = [];
  for (const file of parsed.data) {
    for (const m of file.messages) {
      diagnostics.push({
        file: toRelative(dir, file.filePath),
        line: m.line,
        column: m.column,
        code: m.ruleId ?? 'eslint',
        message: m.message,
        severity: m.severity >= 2 ? 'error' : 'warning',
      });
    }
  }
  return { diagnostics };
}
