import { describe, expect, it } from 'vitest';
import { evalCatalogMigration } from './migration-evals.js';

describe('node-protocol-imports eval cases', () => {
  it('passes every case, including the not-applicable and no-changes ones', async () => {
    const report = await evalCatalogMigration('node-protocol-imports');
    expect(report.cases.some((c) => c.status === 'no-changes' && c.passed)).toBe(true);
    expect(report.skipped).toBe(0);
  });
});
