import { isUtf8 } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import { applySearchReplace } from './apply-edit.js';
import { isUnseen, refuseBlindWrite } from './blind-edit.js';
import { missingFileMessage } from './missing-path.js';
import { pathRefusal } from './refusal.js';
import type { Tool } from './types.js';

const schema = z
  .object({
    path: z.string().min(1).describe('Repository-relative path'),
    search: z.string().describe('Exact text currently in the file'),
    replace: z.string().describe('Text that replaces it'),
  })
  .strict();

export const editFileTool: Tool<z.infer<typeof schema>> = {
  name: 'edit_file',
  description:
    'Replace one occurrence of `search` in a file with `replace`. `search` must match exactly one place (copy it from the file; differences in whitespace only are tolerated); add surrounding lines to make it unique.',
  schema,
  writes: true,
  handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: true, scope: ctx.scope });
    if (!checked.ok) return pathRefusal(checked, 'Nothing was written.', 'refused', args.path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(checked.abs);
    } catch {
      return { kind: 'refused', output: missingFileMessage(ctx.root, checked.rel, ' Use create_file to create a new file.'), problem: 'missing-path', path: checked.rel };
    }
    // Decoding and re-encoding a Latin-1 (or binary) file would replace its bytes with U+FFFD.
    if (!isUtf8(bytes)) return { kind: 'refused', output: `Refused: ${checked.rel} is not UTF-8 text; editing it would corrupt it. Nothing was written.`, path: checked.rel, problem: 'other' };
    const text = bytes.toString('utf8');
    const result = applySearchReplace(text, args.search, args.replace);
    if (!result.ok) {
      if (result.kind === 'not-found' && isUnseen(ctx, checked.rel)) return refuseBlindWrite(ctx, checked.rel, text, 'the search text is not in the file.');
      return {
        kind: 'refused',
        output: `Error in ${checked.rel}: ${result.reason}`,
        problem: result.kind === 'ambiguous' ? 'search-ambiguous' : 'search-not-found',
        path: checked.rel,
      };
    }
    if (Buffer.byteLength(result.text) > ctx.maxFileBytes) {
      return { kind: 'refused', output: `Refused: ${checked.rel} would exceed ${ctx.maxFileBytes} bytes. Nothing was written.`, problem: 'too-large', path: checked.rel };
    }
    writeFileSync(checked.abs, result.text);
    ctx.changed.add(checked.rel);
    const note = result.tolerant ? ' (the search matched ignoring whitespace; the file\'s own indentation was kept)' : '';
    return { kind: 'applied', output: `Edited ${checked.rel} at line ${result.line}${note}.`, path: checked.rel };
  },
};
