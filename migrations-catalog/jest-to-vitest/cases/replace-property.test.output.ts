import { afterEach, expect, test, vi } from 'vitest';
afterEach(() => vi.restoreAllMocks());

test('reads the flag from env', () => {
  jest.replaceProperty(process, 'env', { FEATURE: 'on' });
  expect(process.env.FEATURE).toBe('on');
});
