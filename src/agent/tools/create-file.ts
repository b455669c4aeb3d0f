import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import { isUnseen, refuseBlindWrite } from './blind-edit.js';
import { pathRefusal } from './refusal.js';
import type { Tool } from './types.js';

const schema = z.object({ path: z.string().min(1).describe('Repository-relative path'), content: z.string().describe('Full file content') }).strict();

export const createFileTool: Tool<z.infer<typeof schema>> = {
  name: 'create_file',
  description: 'Create a file with the given content (overwrites an existing file you have read; prefer edit_file for changes).',
  schema,
  writes: true,
  handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: true, scope: ctx.scope });
    if (!checked.ok) return pathRefusal(checked, 'Nothing was written.', 'refused', args.path);
    const bytes = Buffer.byteLength(args.content);
    if (bytes > ctx.maxFileBytes) {
      return { kind: 'refused', output: `Refused: content is ${bytes} bytes, the limit is ${ctx.maxFileBytes}. Nothing was written.`, problem: 'too-large', path: checked.rel };
    }
    if (existsSync(checked.abs) && isUnseen(ctx, checked.rel)) {
      const current = readFileSync(checked.abs);
      if (isUtf8(current) && current.toString('utf8') !== args.content) {
        return refuseBlindWrite(ctx, checked.rel, current.toString('utf8'), `${checked.rel} already exists and create_file would replace all of it.`);
      }
    }
    mkdirSync(path.dirname(checked.abs), { recursive: true });
    writeFileSync(checked.abs, args.content);
    ctx.changed.add(checked.rel);
    ctx.seen?.add(checked.rel);
    return { kind: 'applied', output: `Wrote ${checked.rel} (${bytes} bytes).`, path: checked.rel };
  },
};
