describe('cart', () => {
  it.todo('applies coupons');
  test.todo('computes tax');
});
