const utils = jest.createMockFromModule<typeof import('./utils')>('./utils');

test('auto-mocked', () => {
  expect(jest.isMockFunction(utils.slugify)).toBe(true);
});
