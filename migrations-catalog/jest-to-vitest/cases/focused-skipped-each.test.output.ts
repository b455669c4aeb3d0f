import { describe, expect, it, test } from 'vitest';
describe('sum', () => {
  it.only.each([
    [1, 2, 3],
    [2, 2, 4],
  ])('%i + %i = %i', (a, b, c) => {
    expect(a + b).toBe(c);
  });

  it.skip.each([[0, 0, 1]])('wrong %i + %i = %i', (a, b, c) => {
    expect(a + b).toBe(c);
  });
});

describe.skip.each([['a'], ['b']])('skipped %s', (x) => {
  it('runs', () => expect(x).toBeTruthy());
});

describe.only.each([['c']])('focused %s', (x) => {
  test.skip('later', () => expect(x).toBe('c'));
});
