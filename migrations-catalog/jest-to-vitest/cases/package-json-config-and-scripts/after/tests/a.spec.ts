import { expect, test } from 'vitest';
test('a', () => {
  expect('a').toHaveLength(1);
});
