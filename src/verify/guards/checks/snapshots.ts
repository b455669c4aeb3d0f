/**
 * snapshots: a snapshot file is the expected output a test compares against. Rewriting it to
 * match broken output, or deleting it (the runner then writes a fresh one from whatever the
 * code prints now), makes a failing test pass. A change to `__snapshots__/` or a `.snap` file
 * blocks unless the migration lists it in `scope.allowProtected`; and a migration that only
 * moves the test toolchain (`changesToolchain` for tests) may rename snapshot keys and headers
 * (`a b 1` → `a > b 1`, Jest → Vitest) but never change a stored value.
 */
import picomatch from 'picomatch';
import { changesToolchainOf } from '../../../catalog/definition.js';
import type { GuardFinding } from '../../../report/run-report.js';
import { allowanceOf, readAfter } from '../protected.js';
import type { Guard } from '../types.js';
import { baseText } from '../base-reads.js';

const SNAPSHOT = picomatch(['**/__snapshots__/**', '**/*.snap'], { dot: true });
const HINT = "list it in the migration's scope.allowProtected if the change is intended";
const ENTRY = /^exports\[`((?:[^`\\]|\\.)*)`\]\s*=\s*`((?:[^`\\]|\\.)*)`;?$/gms;

/** Key → stored value of a Jest/Vitest snapshot file (both write `exports[`key`] = `value`;`). */
export function snapshotEntries(text: string): Map<string, string> {
  return new Map([...text.matchAll(ENTRY)].map((m) => [m[1]!, m[2]!]));
}

/** Stored values that are new after the change, and base values no longer stored anywhere. */
export function changedValues(before: string, after: string): { added: number; removed: number } {
  const was = new Set(snapshotEntries(before).values());
  const now = new Set(snapshotEntries(after).values());
  return { added: [...now].filter((v) => !was.has(v)).length, removed: [...was].filter((v) => !now.has(v)).length };
}

export const snapshots: Guard = {
  name: 'snapshots',
  description: 'Snapshot files (the expected output tests compare against) changed, added or deleted.',
  async check(input) {
    const { dir, changedFiles, migration } = input;
    const allow = allowanceOf(migration);
    const toolchainOnly = changesToolchainOf(migration, 'test');
    const findings: GuardFinding[] = [];
    for (const f of changedFiles) {
      if (f.path.includes('node_modules/') || !SNAPSHOT(f.path)) continue;
      const before = f.status === 'added' ? '' : ((await baseText(input, f.path)) ?? '');
      const after = readAfter(dir, f) ?? '';
      const { added, removed } = changedValues(before, after);
      const detail =
        f.status === 'deleted'
          ? 'was deleted (the runner would write a fresh one from the output of the changed code)'
          : `was ${f.status}: ${added} stored value(s) new, ${removed} base value(s) gone`;
      const message = `${f.path} (snapshots: the expected output tests compare against) ${detail}`;
      if (!allow.path(f.path)) {
        findings.push({ guard: 'snapshots', severity: 'block', message: `${message}; ${HINT}`, file: f.path });
      } else if (toolchainOnly && (added > 0 || removed > 0 || f.status === 'deleted')) {
        findings.push({
          guard: 'snapshots',
          severity: 'block',
          message: `${message}; a test toolchain change may rename snapshot keys and headers but not change what is stored`,
          file: f.path,
        });
      } else {
        findings.push({ guard: 'snapshots', severity: 'warn', message: `${message} (allowed by the migration)`, file: f.path });
      }
    }
    return findings;
  },
};
