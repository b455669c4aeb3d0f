import { beforeEach, expect, test, vi } from 'vitest';
beforeEach(() => {
  vi.resetModules();
});

test('fresh config per test', () => {
  let config: unknown;
  jest.isolateModules(() => {
    config = require('./config');
  });
  expect(config).toBeDefined();
});
