jest.disableAutomock();
jest.deepUnmock('./tree');
jest.mock('./leaf');

import { grow } from './tree';

it('grows', () => {
  expect(grow()).toBe(true);
});
