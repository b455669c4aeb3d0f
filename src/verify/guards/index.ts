/**
 * Guards: deterministic checks that catch an agent making checks pass without doing the work
 * (DESIGN.md "Security model"). The gate calls runGuards() after the verifiers, on the
 * committed change; `block` findings fail the run. Each finding names its guard.
 */
import type { GuardFinding } from '../../report/run-report.js';
import { GUARDS } from './registry.js';
import type { BaseReads, Guard, GuardInput } from './types.js';
import { prefetchBaseTexts, readBaseAhead } from './base-reads.js';

export async function runGuards(input: GuardInput, guards: ReadonlyArray<Guard> = GUARDS): Promise<GuardFinding[]> {
  const findings: GuardFinding[] = [];
  // The base tree and the texts guards read there in two git processes (none when the gate read
  // them ahead), not one `git show` per file and guard. Should this fail, each read falls back.
  await prefetchBaseTexts(input, guards).catch(() => {});
  for (const guard of guards) {
    try {
      findings.push(...(await guard.check(input)));
    } catch (error) {
      // A guard that cannot run must not pass silently.
      findings.push({ guard: guard.name, severity: 'block', message: `guard could not run: ${(error as Error).message}` });
    }
  }
  return findings;
}

/**
 * What the guards will read at `baseCommit` (its tree; the texts of `paths`, the files that are
 * changing, and of the files a guard reads there), for GuardInput.baseReads: the gate calls this
 * while the verifiers run, so that the guards need no git process after them.
 */
export function readGuardBaseAhead(dir: string, baseCommit: string, paths: ReadonlyArray<string>, signal?: AbortSignal): Promise<BaseReads> {
  return readBaseAhead(dir, baseCommit, paths, GUARDS, signal);
}

export { GUARDS } from './registry.js';
export type { Guard, GuardInput } from './types.js';
export { netNewMatches } from './diff-lines.js';
export { workingTreeDiff } from './working-tree-diff.js';
export { readAtBase } from './base-reads.js';
