import { expect, it, vi } from 'vitest';
import { fetchUser, VERSION } from './api';

vi.mock('./api', async () => ({
  ...(await vi.importActual('./api')),
  fetchUser: vi.fn(async (id: string) => ({ id, mocked: true })),
}));

it('keeps the real constant', async () => {
  expect(VERSION).toBe(1);
  await expect(fetchUser('a')).resolves.toEqual({ id: 'a', mocked: true });
});
