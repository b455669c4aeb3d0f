/** What the guards look for in a diff's lines (the diff itself is read by src/diff). */
import type { FileDiff } from '../../diff/index.js';

/**
 * Added lines matching `pattern`, per file, beyond what the same file's removed lines had
 * (moving a line is not adding one). Returns one entry per net-new occurrence.
 */
export function netNewMatches(files: ReadonlyArray<FileDiff>, pattern: RegExp): Array<{ path: string; line: number; match: string }> {
  const out: Array<{ path: string; line: number; match: string }> = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const file of files) {
    const removed = new Map<string, number>();
    for (const r of file.removed) for (const m of r.text.matchAll(global)) removed.set(m[0], (removed.get(m[0]) ?? 0) + 1);
    for (const a of file.added) {
      for (const m of a.text.matchAll(global)) {
        const n = removed.get(m[0]) ?? 0;
        if (n > 0) removed.set(m[0], n - 1);
        else out.push({ path: file.path, line: a.line, match: m[0] });
      }
    }
  }
  return out;
}

export const TEST_FILE = /(?:^|\/)(?:__tests__|__specs__)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)tests?\/.*\.[cm]?[jt]sx?$/;
