import { expect, it, vi } from 'vitest';
jest.disableAutomock();
jest.deepUnmock('./tree');
vi.mock('./leaf');

import { grow } from './tree';

it('grows', () => {
  expect(grow()).toBe(true);
});
