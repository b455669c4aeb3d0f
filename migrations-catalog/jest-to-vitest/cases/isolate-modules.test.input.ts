beforeEach(() => {
  jest.resetModules();
});

test('fresh config per test', () => {
  let config: unknown;
  jest.isolateModules(() => {
    config = require('./config');
  });
  expect(config).toBeDefined();
});
