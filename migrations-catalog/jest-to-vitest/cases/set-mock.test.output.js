import { expect, test, vi } from 'vitest';
const fakeLogger = { info: vi.fn() };
jest.setMock('./logger', fakeLogger);
const { run } = require('./job');

test('logs', () => {
  run();
  expect(fakeLogger.info).toHaveBeenCalledTimes(1);
});
