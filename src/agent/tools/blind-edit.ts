/**
 * Read-before-write: a write that depends on text the model has not seen (an overwrite of a
 * file it never read, or a search text that does not match a file it never read) is refused,
 * and the answer carries the file's current text so the next attempt is informed. The file
 * then counts as seen.
 */
import { renderLines } from './file-view.js';
import type { ToolContext, ToolOutcome } from './types.js';

export function isUnseen(ctx: ToolContext, rel: string): boolean {
  return ctx.seen !== undefined && !ctx.seen.has(rel);
}

export function refuseBlindWrite(ctx: ToolContext, rel: string, text: string, why: string): ToolOutcome {
  ctx.seen?.add(rel);
  const view = renderLines(rel, text);
  return {
    kind: 'refused',
    problem: 'unread-file',
    path: rel,
    output: `Refused: ${why} You had not read ${rel}; nothing was written. Its current text follows — base your edit on it.\n${view.output}`,
  };
}
