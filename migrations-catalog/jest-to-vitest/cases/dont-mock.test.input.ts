import { load } from './loader';

jest.unmock('./cache');

test('per-test mocks', async () => {
  jest.resetModules();
  jest.doMock('./db', () => ({ query: jest.fn() }));
  jest.dontMock('./db');
  expect(jest.mocked(load)).toBeDefined();
});
