/**
 * Guards: deterministic checks that catch an agent making checks pass without doing the work
 * (DESIGN.md "Security model"). The gate calls runGuards() after the verifiers, on the
 * committed change; `block` findings fail the run. Each finding names its guard.
 */
import type { GuardFinding } from '../../report/run-report.js';
import { GUARDS } from './registry.js';
import type { Guard, GuardInput } from './types.js';
import { prefetchBaseTexts } from './working-tree-diff.js';

export async function runGuards(input: GuardInput, guards: ReadonlyArray<Guard> = GUARDS): Promise<GuardFinding[]> {
  const findings: GuardFinding[] = [];
  // The changed files' base texts in one git process, not one `git show` per file and guard.
  await prefetchBaseTexts(input).catch(() => {});
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

export { GUARDS } from './registry.js';
export type { Guard, GuardInput } from './types.js';
export { netNewMatches } from './diff-lines.js';
export { workingTreeDiff, readAtBase } from './working-tree-diff.js';
