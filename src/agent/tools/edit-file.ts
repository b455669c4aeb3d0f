import { isUtf8 } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import { applySearchReplace } from './apply-edit.js';
import type { Tool } from './types.js';

const schema = z.object({ path: z.string().min(1), search: z.string(), replace: z.string() }).strict();

export const editFileTool: Tool<z.infer<typeof schema>> = {
  name: 'edit_file',
  description:
    'Replace one exact occurrence of `search` in a file with `replace`. `search` must match exactly one place, whitespace included; add surrounding lines to make it unique.',
  schema,
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Repository-relative path' },
      search: { type: 'string', description: 'Exact text currently in the file' },
      replace: { type: 'string', description: 'Text that replaces it' },
    },
    required: ['path', 'search', 'replace'],
    additionalProperties: false,
  },
  writes: true,
  handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: true, scope: ctx.scope });
    if (!checked.ok) return { kind: 'refused', output: `Refused: ${checked.reason}. Nothing was written.` };
    let bytes: Buffer;
    try {
      bytes = readFileSync(checked.abs);
    } catch {
      return { kind: 'refused', output: `Error: ${checked.rel} does not exist; use create_file to create it.` };
    }
    // Decoding and re-encoding a Latin-1 (or binary) file would replace its bytes with U+FFFD.
    if (!isUtf8(bytes)) return { kind: 'refused', output: `Refused: ${checked.rel} is not UTF-8 text; editing it would corrupt it. Nothing was written.` };
    const text = bytes.toString('utf8');
    const result = applySearchReplace(text, args.search, args.replace);
    if (!result.ok) return { kind: 'refused', output: `Error in ${checked.rel}: ${result.reason}` };
    if (Buffer.byteLength(result.text) > ctx.maxFileBytes) {
      return { kind: 'refused', output: `Refused: ${checked.rel} would exceed ${ctx.maxFileBytes} bytes. Nothing was written.` };
    }
    writeFileSync(checked.abs, result.text);
    ctx.changed.add(checked.rel);
    return { kind: 'applied', output: `Edited ${checked.rel} at line ${result.line}.` };
  },
};
