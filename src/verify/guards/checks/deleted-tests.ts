import { TEST_FILE } from '../diff-lines.js';
import type { Guard } from '../types.js';

export const deletedTests: Guard = {
  name: 'deleted-tests',
  description: 'Test files deleted (or renamed to something that is no longer a test).',
  check({ changedFiles, diff }) {
    const renamedFrom = new Map<string, string>();
    for (const m of diff.matchAll(/^rename from (.+)\nrename to (.+)$/gm)) renamedFrom.set(m[2]!, m[1]!);
    const findings = [];
    for (const f of changedFiles) {
      if (f.status === 'deleted' && TEST_FILE.test(f.path)) {
        findings.push({ guard: 'deleted-tests', severity: 'block' as const, message: `test file ${f.path} was deleted`, file: f.path });
      }
      const from = renamedFrom.get(f.path);
      if (f.status === 'renamed' && from && TEST_FILE.test(from) && !TEST_FILE.test(f.path)) {
        findings.push({ guard: 'deleted-tests', severity: 'block' as const, message: `test file ${from} was renamed to ${f.path}, which is not run as a test`, file: f.path });
      }
    }
    return findings;
  },
};
