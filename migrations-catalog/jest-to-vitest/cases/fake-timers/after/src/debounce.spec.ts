import { afterAll, beforeAll, expect, it, vi } from 'vitest';
function debounce(fn: () => void, ms: number) {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

beforeAll(() => {
  vi.useFakeTimers();
});

afterAll(() => {
  vi.useRealTimers();
});

it('debounces', () => {
  const fn = vi.fn();
  const run = debounce(fn, 100);
  run();
  run();
  vi.advanceTimersByTime(100);
  expect(fn).toHaveBeenCalledTimes(1);
  run();
  vi.runAllTimers();
  expect(fn).toHaveBeenCalledTimes(2);
});
