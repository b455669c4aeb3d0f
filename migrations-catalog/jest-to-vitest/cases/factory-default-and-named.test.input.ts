import api, { VERSION } from './api';

jest.mock('./api', () => ({ get: jest.fn(), VERSION: 2 }));

test('uses both', () => {
  expect(api.get).toBeDefined();
  expect(VERSION).toBe(2);
});
