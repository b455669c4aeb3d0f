beforeEach(() => {
  jest.useFakeTimers('modern');
  jest.setSystemTime(new Date('2024-01-01T00:00:00Z'));
});
afterEach(() => jest.useRealTimers());

test('schedules', () => {
  const cb = jest.fn();
  setTimeout(cb, 100);
  setTimeout(cb, 200);
  expect(jest.getTimerCount()).toBe(2);
  jest.advanceTimersToNextTimer();
  jest.runOnlyPendingTimers();
  jest.runAllTicks();
  jest.clearAllTimers();
  expect(cb).toHaveBeenCalledTimes(2);
  expect(jest.getRealSystemTime()).toBeGreaterThan(0);
  expect(jest.now()).toBe(Date.now());
});

test('legacy', () => {
  jest.useFakeTimers({ legacyFakeTimers: true });
  jest.runAllImmediates();
});
