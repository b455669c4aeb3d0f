function debounce(fn: () => void, ms: number) {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

beforeAll(() => {
  jest.useFakeTimers();
});

afterAll(() => {
  jest.useRealTimers();
});

it('debounces', () => {
  const fn = jest.fn();
  const run = debounce(fn, 100);
  run();
  run();
  jest.advanceTimersByTime(100);
  expect(fn).toHaveBeenCalledTimes(1);
  run();
  jest.runAllTimers();
  expect(fn).toHaveBeenCalledTimes(2);
});
