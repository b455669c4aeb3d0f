/**
 * A case's change as the gate sees a commit: a git-style unified diff and the changed-file
 * list with line counts, computed from the `before` and produced trees in memory (an eval
 * case has no git repository).
 */
import { structuredPatch } from 'diff';
import type { ChangedFile } from '../report/run-report.js';

export interface TreeChange {
  diff: string;
  changedFiles: ChangedFile[];
}

function filePatch(file: string, before: string | undefined, after: string | undefined): { patch: string; additions: number; deletions: number } {
  const p = structuredPatch(`a/${file}`, `b/${file}`, before ?? '', after ?? '', '', '', { context: 3 });
  const lines = [`diff --git a/${file} b/${file}`];
  if (before === undefined) lines.push('new file mode 100644');
  if (after === undefined) lines.push('deleted file mode 100644');
  lines.push(`--- ${before === undefined ? '/dev/null' : `a/${file}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${file}`}`);
  let additions = 0;
  let deletions = 0;
  for (const h of p.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) {
      if (l.startsWith('+')) additions++;
      else if (l.startsWith('-')) deletions++;
      lines.push(l);
    }
  }
  return { patch: `${lines.join('\n')}\n`, additions, deletions };
}

/** Paths map to file contents; a path on one side only is an added or deleted file. */
export function treeChange(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): TreeChange {
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  const patches: string[] = [];
  const changedFiles: ChangedFile[] = [];
  for (const file of files) {
    const a = before.get(file);
    const b = after.get(file);
    if (a === b) continue;
    const { patch, additions, deletions } = filePatch(file, a, b);
    patches.push(patch);
    changedFiles.push({ path: file, status: a === undefined ? 'added' : b === undefined ? 'deleted' : 'modified', additions, deletions });
  }
  return { diff: patches.join(''), changedFiles };
}
