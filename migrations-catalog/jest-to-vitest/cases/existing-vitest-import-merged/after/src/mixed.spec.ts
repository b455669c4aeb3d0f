import { expect, expectTypeOf, it, vi } from 'vitest';

it('types', () => {
  expectTypeOf(1).toBeNumber();
  expect(vi.fn()).toBeDefined();
});
