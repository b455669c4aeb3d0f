import type { Site } from './types.js';

/** For the RunReport: sites found before the codemod, how many it handled, how many are left. */
export function summarizeSites(before: readonly Site[], after: readonly Site[]): { found: number; handledByCodemod: number; left: number } {
  return { found: before.length, handledByCodemod: Math.max(0, before.length - after.length), left: after.length };
}
