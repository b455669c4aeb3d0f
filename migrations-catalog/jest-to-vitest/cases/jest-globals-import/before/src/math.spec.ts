import { describe, expect, it, jest } from '@jest/globals';

describe('math', () => {
  it('mocks', () => {
    const f = jest.fn(() => 1);
    expect(f()).toBe(1);
  });
});
