import { describe, it, test } from 'vitest';
describe('cart', () => {
  it.todo('applies coupons');
  test.todo('computes tax');
});
