test.each([[{ a: 1 }], [[2]]])('serializes %p', (value) => {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
});
