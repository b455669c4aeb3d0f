import { afterEach, beforeEach, expect, test, vi } from 'vitest';
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2024-01-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

test('schedules', () => {
  const cb = vi.fn();
  setTimeout(cb, 100);
  setTimeout(cb, 200);
  expect(vi.getTimerCount()).toBe(2);
  vi.advanceTimersToNextTimer();
  vi.runOnlyPendingTimers();
  vi.runAllTicks();
  vi.clearAllTimers();
  expect(cb).toHaveBeenCalledTimes(2);
  expect(vi.getRealSystemTime()).toBeGreaterThan(0);
  expect(jest.now()).toBe(Date.now());
});

test('legacy', () => {
  jest.useFakeTimers({ legacyFakeTimers: true });
  jest.runAllImmediates();
});
