import type { Guard } from '../types.js';

export const fewerTests: Guard = {
  name: 'fewer-tests',
  description: 'Fewer tests ran than at baseline (tests removed, skipped or no longer collected).',
  check({ baseline, final }) {
    const before = baseline.find((r) => r.kind === 'test')?.tests;
    const after = final.find((r) => r.kind === 'test')?.tests;
    if (!before || !after) return [];
    const ranBefore = before.total - before.skipped;
    const ranAfter = after.total - after.skipped;
    if (ranAfter >= ranBefore) return [];
    return [
      {
        guard: 'fewer-tests',
        severity: 'block',
        message: `${ranAfter} test(s) ran after the change, ${ranBefore} at baseline (${after.skipped} skipped now, ${before.skipped} before)`,
      },
    ];
  },
};
