import { expect, test, vi } from 'vitest';
import { load } from './loader';

vi.unmock('./cache');

test('per-test mocks', async () => {
  vi.resetModules();
  vi.doMock('./db', () => ({ query: vi.fn() }));
  vi.doUnmock('./db');
  expect(vi.mocked(load)).toBeDefined();
});
