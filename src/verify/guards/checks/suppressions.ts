import { fileDiffs } from '../../../diff/index.js';
import { netNewMatches } from '../diff-lines.js';
import type { Guard } from '../types.js';

const SUPPRESSION = /@ts-ignore|@ts-expect-error|@ts-nocheck|eslint-disable(?:-next-line|-line)?/;

export const suppressions: Guard = {
  name: 'suppressions',
  description: 'New @ts-ignore / @ts-expect-error / @ts-nocheck / eslint-disable comments.',
  check({ diff }) {
    return netNewMatches(fileDiffs(diff), SUPPRESSION).map((m) => ({
      guard: 'suppressions',
      severity: 'block' as const,
      message: `new \`${m.match}\` in ${m.path}:${m.line}`,
      file: m.path,
      line: m.line,
    }));
  },
};
