const { add } = require('./add.cjs');

test('adds', () => {
  const log = jest.fn();
  log(add(1, 2));
  expect(log).toHaveBeenCalledWith(3);
});

module.exports = {};
