import { expect, test, vi } from 'vitest';
import { poll } from './poll';

test('polls', async () => {
  vi.useFakeTimers();
  const p = poll();
  await vi.advanceTimersByTimeAsync(1000);
  await vi.runOnlyPendingTimersAsync();
  await vi.runAllTimersAsync();
  await expect(p).resolves.toBe('done');
});
