import { describe, expect, it } from 'vitest';
import { queryFor } from '../../migrations-catalog/enzyme-to-rtl/queries.js';
import { evalCatalogMigration } from './migration-evals.js';

describe('enzyme-to-rtl', () => {
  it('passes every deterministic eval case and marks the LLM-led ones', async () => {
    const report = await evalCatalogMigration('enzyme-to-rtl');
    expect(report.passed).toBeGreaterThanOrEqual(10);
    expect(report.skipped).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it('maps only selectors with a clear Testing Library query', () => {
    expect(queryFor('button')).toEqual({ by: 'Role', arg: 'button' });
    expect(queryFor("[data-testid='total']")).toEqual({ by: 'TestId', arg: 'total' });
    expect(queryFor('.btn-primary')).toBeUndefined();
    expect(queryFor('#submit')).toBeUndefined();
  });
});
