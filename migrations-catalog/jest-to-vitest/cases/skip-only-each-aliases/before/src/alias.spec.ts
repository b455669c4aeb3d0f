describe('aliases', () => {
  xit('is skipped', () => {
    expect(1).toBe(2);
  });

  it.each([
    [1, 1, 2],
    [2, 2, 4],
  ])('adds %i + %i', (a, b, c) => {
    expect(a + b).toBe(c);
  });
});

xdescribe('later', () => {
  fit('focused', () => {
    expect(true).toBe(true);
  });
});
