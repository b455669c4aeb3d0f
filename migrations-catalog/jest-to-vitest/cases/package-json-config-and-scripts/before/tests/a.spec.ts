test('a', () => {
  expect('a').toHaveLength(1);
});
