/** Patches godwit writes itself, made with the `diff` package. */
import { formatPatch, structuredPatch } from 'diff';

/** A git-style patch adding `text` as the new file `rel` (what `git diff` shows for an added file). */
export function newFilePatch(rel: string, text: string): string {
  const patch = structuredPatch('/dev/null', `b/${rel}`, '', text, undefined, undefined, { context: 0 });
  return formatPatch({ ...patch, isGit: true, isCreate: true, newMode: '100644' });
}
