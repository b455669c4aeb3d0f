import { store } from './store';

let spy: jest.SpyInstance;

beforeAll(() => {
  spy = jest.spyOn(store, 'size', 'get').mockReturnValue(3);
});
afterAll(() => spy.mockRestore());
beforeEach(() => jest.clearAllMocks());
afterEach(() => jest.resetAllMocks());

test('size', async () => {
  const load = jest.fn().mockResolvedValueOnce('a').mockImplementation(async () => 'b');
  expect(store.size).toBe(3);
  await expect(load()).resolves.toBe('a');
  await expect(load()).resolves.toBe('b');
});
