import { describe, expect, it, test } from 'vitest';
describe.only('focused block', () => {
  it.skip('skipped', () => {});
  test.only.each([[1], [2]])('value %i', (v) => expect(v).toBeGreaterThan(0));
});

describe.skip('skipped block', () => {
  it('never runs', () => {});
});
