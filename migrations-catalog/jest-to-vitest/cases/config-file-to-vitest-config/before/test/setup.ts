beforeEach(() => {
  jest.useRealTimers();
});
