import { poll } from './poll';

test('polls', async () => {
  jest.useFakeTimers();
  const p = poll();
  await jest.advanceTimersByTimeAsync(1000);
  await jest.runOnlyPendingTimersAsync();
  await jest.runAllTimersAsync();
  await expect(p).resolves.toBe('done');
});
