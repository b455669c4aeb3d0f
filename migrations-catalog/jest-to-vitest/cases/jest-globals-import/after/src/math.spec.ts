import { describe, expect, it, vi } from 'vitest';

describe('math', () => {
  it('mocks', () => {
    const f = vi.fn(() => 1);
    expect(f()).toBe(1);
  });
});
