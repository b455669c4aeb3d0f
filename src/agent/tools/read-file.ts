import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import { DEFAULT_MAX_RESULT_BYTES } from './cap.js';
import { MAX_LINES, renderLines } from './file-view.js';
import { missingFileMessage } from './missing-path.js';
import { pathRefusal } from './refusal.js';
import type { Tool } from './types.js';

/** Bytes read from disk at most: a huge file is never loaded whole (the result is capped anyway). */
const MAX_READ_BYTES = 8 * 1024 * 1024;

const schema = z
  .object({
    path: z.string().min(1).describe('Repository-relative path'),
    startLine: z.number().int().positive().nullable().optional().describe('1-based first line (null: 1)'),
    endLine: z.number().int().positive().nullable().optional().describe('1-based last line, inclusive (null: end of file)'),
  })
  .strict();

export const readFileTool: Tool<z.infer<typeof schema>> = {
  name: 'read_file',
  description: `Read a file of the repository with line numbers (at most ${MAX_LINES} lines and ${DEFAULT_MAX_RESULT_BYTES / 1024} KB per call; use startLine/endLine for a range).`,
  schema,
  writes: false,
  handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: false });
    if (!checked.ok) return pathRefusal(checked, '', 'invalid', args.path);
    let size: number;
    try {
      const stat = statSync(checked.abs);
      if (!stat.isFile()) return { kind: 'invalid', output: `Error: ${checked.rel} is not a file`, problem: 'missing-path', path: checked.rel };
      size = stat.size;
    } catch {
      return { kind: 'invalid', output: missingFileMessage(ctx.root, checked.rel), problem: 'missing-path', path: checked.rel };
    }
    const fd = openSync(checked.abs, 'r');
    let bytes: Buffer;
    try {
      bytes = Buffer.alloc(Math.min(size, MAX_READ_BYTES));
      readSync(fd, bytes, 0, bytes.length, 0);
    } finally {
      closeSync(fd);
    }
    if (size <= MAX_READ_BYTES && !isUtf8(bytes)) return { kind: 'invalid', output: `Error: ${checked.rel} is not UTF-8 text (binary?)`, path: checked.rel };
    const rendered = renderLines(checked.rel, bytes.toString('utf8'), args.startLine, args.endLine);
    if (!rendered.ok) return { kind: 'invalid', output: rendered.output, path: checked.rel };
    ctx.seen?.add(checked.rel);
    const partial = size > MAX_READ_BYTES ? `\n… [the file is ${size} bytes; only the first ${MAX_READ_BYTES} were read]` : '';
    return { kind: 'read', output: rendered.output + partial, path: checked.rel };
  },
};
