import { netNewMatches, parseDiff } from '../diff-lines.js';
import type { Guard } from '../types.js';

/** `.skip`/`.only`/`.todo`/`.skipIf` on test functions and the x-/f-prefixed variants. */
const SKIP = /\b(?:it|test|describe|context|suite|bench)\.(?:skip|only|todo|skipIf)\b|\b(?:xit|xtest|xdescribe|xcontext|fit|fdescribe)\s*\(/;

export const skippedTests: Guard = {
  name: 'skipped-tests',
  description: 'New .skip / .only / .todo / xit / xdescribe (and fit / fdescribe) in the change.',
  check({ diff }) {
    return netNewMatches(parseDiff(diff), SKIP).map((m) => ({
      guard: 'skipped-tests',
      severity: 'block' as const,
      message: `new \`${m.match.replace(/\s*\($/, '')}\` in ${m.path}:${m.line}`,
      file: m.path,
      line: m.line,
    }));
  },
};
