import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi, type MockInstance } from 'vitest';
import { store } from './store';

let spy: MockInstance;

beforeAll(() => {
  spy = vi.spyOn(store, 'size', 'get').mockReturnValue(3);
});
afterAll(() => spy.mockRestore());
beforeEach(() => vi.clearAllMocks());
afterEach(() => vi.resetAllMocks());

test('size', async () => {
  const load = vi.fn().mockResolvedValueOnce('a').mockImplementation(async () => 'b');
  expect(store.size).toBe(3);
  await expect(load()).resolves.toBe('a');
  await expect(load()).resolves.toBe('b');
});
