import { expect, test, vi } from 'vitest';
const utils = jest.createMockFromModule<typeof import('./utils')>('./utils');

test('auto-mocked', () => {
  expect(vi.isMockFunction(utils.slugify)).toBe(true);
});
