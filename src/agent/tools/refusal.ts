/** The refusal for a path that `checkPath` rejected, classified for the loop's tracking. */
import type { SafePath } from '../safe-path.js';
import type { ToolOutcome } from './types.js';

export function pathRefusal(checked: Extract<SafePath, { ok: false }>, what: string, kind: 'refused' | 'invalid' = 'refused', path?: string): ToolOutcome {
  return {
    ...(path ? { path: path.slice(0, 200) } : {}),
    kind,
    output: kind === 'refused' ? `Refused: ${checked.reason}. ${what}` : `Error: ${checked.reason}`,
    problem: checked.outOfScope ? 'outside-scope' : 'unsafe-path',
  };
}
