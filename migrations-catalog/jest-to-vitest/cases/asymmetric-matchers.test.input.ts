test('matches loosely', async () => {
  expect.assertions(2);
  expect.hasAssertions();
  expect({ id: 1, at: new Date(), tags: ['a'] }).toEqual({
    id: expect.any(Number),
    at: expect.anything(),
    tags: expect.arrayContaining(['a']),
  });
  expect({ name: 'godwit' }).toEqual(expect.objectContaining({ name: expect.stringMatching(/^god/) }));
});
