import { sum } from './sum';

describe('sum', () => {
  beforeEach(() => {
    expect.hasAssertions();
  });

  it('adds', () => {
    expect(sum(1, 2)).toBe(3);
  });

  test('adds negatives', () => {
    expect(sum(-1, -2)).toBe(-3);
  });
});
