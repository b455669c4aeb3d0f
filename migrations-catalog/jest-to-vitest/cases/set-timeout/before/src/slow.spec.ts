jest.setTimeout(30000);

it('waits', async () => {
  await new Promise((r) => setTimeout(r, 1));
  expect(true).toBe(true);
});
