import { expect, test, vi } from 'vitest';
jest.mock('virtual-config', () => ({ port: 1 }), { virtual: true });
vi.mock('./real', () => ({ ok: true }));

test('reads', () => {
  expect(require('virtual-config').port).toBe(1);
});
