/** Formats the files changed so far in the repository's own style (src/workspace/format), and logs it. */
import { uncommittedFiles } from '../workspace/commit.js';
import { formatChangedFiles } from '../workspace/format/index.js';
import type { PreparedContext } from './context.js';

/** Returns the changed files (formatting changes their content, not which files changed). */
/** `originals`: base-commit texts the caller already holds (the formatter reads the rest from git). */
export async function formatChanges(ctx: PreparedContext, after: string, known?: string[], originals?: ReadonlyMap<string, string>): Promise<string[]> {
  const { dir } = ctx;
  const changed = known ?? (await uncommittedFiles(dir));
  if (!changed.length) return changed;
  const result = await formatChangedFiles(dir, ctx.baseCommit, changed, {
    timeoutMs: ctx.config.verify.timeoutMs,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(originals ? { originals } : {}),
  });
  if (result.formatted.length) ctx.log('info', `formatted ${result.formatted.length} file(s) changed by the ${after} with ${result.formatter}: ${result.formatted.slice(0, 10).join(', ')}`);
  return changed;
}
