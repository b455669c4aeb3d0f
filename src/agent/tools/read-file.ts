import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import type { Tool } from './types.js';

const MAX_LINES = 400;

const schema = z
  .object({
    path: z.string().min(1),
    startLine: z.number().int().positive().nullable().optional(),
    endLine: z.number().int().positive().nullable().optional(),
  })
  .strict();

export const readFileTool: Tool<z.infer<typeof schema>> = {
  name: 'read_file',
  description: `Read a file of the repository with line numbers (at most ${MAX_LINES} lines per call; use startLine/endLine for more).`,
  schema,
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Repository-relative path' },
      startLine: { type: ['integer', 'null'], description: '1-based first line (null: 1)' },
      endLine: { type: ['integer', 'null'], description: '1-based last line, inclusive (null: end of file)' },
    },
    required: ['path', 'startLine', 'endLine'],
    additionalProperties: false,
  },
  writes: false,
  handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: false });
    if (!checked.ok) return { kind: 'invalid', output: `Error: ${checked.reason}` };
    let text: string;
    try {
      if (!statSync(checked.abs).isFile()) return { kind: 'invalid', output: `Error: ${checked.rel} is not a file` };
      text = readFileSync(checked.abs, 'utf8');
    } catch {
      return { kind: 'invalid', output: `Error: ${checked.rel} does not exist` };
    }
    const lines = text.split('\n');
    const start = Math.max(1, args.startLine ?? 1);
    const end = Math.min(lines.length, args.endLine ?? lines.length, start + MAX_LINES - 1);
    if (start > lines.length) return { kind: 'invalid', output: `Error: ${checked.rel} has only ${lines.length} lines` };
    const body = lines
      .slice(start - 1, end)
      .map((l, i) => `${String(start + i).padStart(5)}| ${l}`)
      .join('\n');
    const more = end < lines.length ? `\n… ${lines.length - end} more lines (read_file with startLine ${end + 1})` : '';
    return { kind: 'read', output: `${checked.rel} (lines ${start}-${end} of ${lines.length})\n${body}${more}` };
  },
};
