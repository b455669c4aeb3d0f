import { expect, test, vi } from 'vitest';
import api, { VERSION } from './api';

vi.mock('./api', () => ({ get: vi.fn(), VERSION: 2 }));

test('uses both', () => {
  expect(api.get).toBeDefined();
  expect(VERSION).toBe(2);
});
