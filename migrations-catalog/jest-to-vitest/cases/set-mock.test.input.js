const fakeLogger = { info: jest.fn() };
jest.setMock('./logger', fakeLogger);
const { run } = require('./job');

test('logs', () => {
  run();
  expect(fakeLogger.info).toHaveBeenCalledTimes(1);
});
