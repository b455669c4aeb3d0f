import { rmSync, statSync } from 'node:fs';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import { missingFileMessage } from './missing-path.js';
import { pathRefusal } from './refusal.js';
import type { Tool } from './types.js';

const schema = z.object({ path: z.string().min(1).describe('Repository-relative path') }).strict();

export const deleteFileTool: Tool<z.infer<typeof schema>> = {
  name: 'delete_file',
  description: 'Delete a file of the repository.',
  schema,
  writes: true,
  handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: true, scope: ctx.scope });
    if (!checked.ok) return pathRefusal(checked, 'Nothing was deleted.', 'refused', args.path);
    try {
      if (!statSync(checked.abs).isFile()) return { kind: 'refused', output: `Error: ${checked.rel} is not a file`, problem: 'missing-path', path: checked.rel };
    } catch {
      return { kind: 'refused', output: missingFileMessage(ctx.root, checked.rel), problem: 'missing-path', path: checked.rel };
    }
    rmSync(checked.abs);
    ctx.changed.add(checked.rel);
    return { kind: 'applied', output: `Deleted ${checked.rel}.`, path: checked.rel };
  },
};
