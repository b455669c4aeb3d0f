import { expect, it } from 'vitest';
expect.extend({
  toBeWithin(received: number, lo: number, hi: number) {
    const pass = received >= lo && received <= hi;
    return { pass, message: () => `expected ${received} to be within ${lo}..${hi}` };
  },
});

declare module 'vitest' {
  interface Matchers<T = any> {
    toBeWithin(lo: number, hi: number): T;
  }
}

it('is within', () => {
  expect(5).toBeWithin(1, 10);
});
