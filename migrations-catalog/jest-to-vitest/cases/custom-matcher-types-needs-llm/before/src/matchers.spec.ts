expect.extend({
  toBeWithin(received: number, lo: number, hi: number) {
    const pass = received >= lo && received <= hi;
    return { pass, message: () => `expected ${received} to be within ${lo}..${hi}` };
  },
});

declare global {
  namespace jest {
    interface Matchers<R> {
      toBeWithin(lo: number, hi: number): R;
    }
  }
}

it('is within', () => {
  expect(5).toBeWithin(1, 10);
});
