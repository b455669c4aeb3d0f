describe('sum', () => {
  fit.each([
    [1, 2, 3],
    [2, 2, 4],
  ])('%i + %i = %i', (a, b, c) => {
    expect(a + b).toBe(c);
  });

  xit.each([[0, 0, 1]])('wrong %i + %i = %i', (a, b, c) => {
    expect(a + b).toBe(c);
  });
});

xdescribe.each([['a'], ['b']])('skipped %s', (x) => {
  it('runs', () => expect(x).toBeTruthy());
});

fdescribe.each([['c']])('focused %s', (x) => {
  xtest('later', () => expect(x).toBe('c'));
});
