import { describe, expect, it } from 'vitest';
describe('aliases', () => {
  it.skip('is skipped', () => {
    expect(1).toBe(2);
  });

  it.each([
    [1, 1, 2],
    [2, 2, 4],
  ])('adds %i + %i', (a, b, c) => {
    expect(a + b).toBe(c);
  });
});

describe.skip('later', () => {
  it.only('focused', () => {
    expect(true).toBe(true);
  });
});
