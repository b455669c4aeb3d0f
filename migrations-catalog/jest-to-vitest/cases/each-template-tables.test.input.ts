describe.each`
  a    | b    | expected
  ${1} | ${1} | ${2}
  ${2} | ${1} | ${3}
`('$a + $b', ({ a, b, expected }) => {
  test(`returns ${expected}`, () => {
    expect(a + b).toBe(expected);
  });
});

test.each([{ name: 'x', len: 1 }])('length of $name', ({ name, len }) => {
  expect(name).toHaveLength(len);
});
