import { expect, it } from 'vitest';
jest.retryTimes(3);

it('eventually passes', async () => {
  expect(await Promise.resolve(1)).toBe(1);
});
