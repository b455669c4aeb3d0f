import { expectTypeOf } from 'vitest';

it('types', () => {
  expectTypeOf(1).toBeNumber();
  expect(jest.fn()).toBeDefined();
});
