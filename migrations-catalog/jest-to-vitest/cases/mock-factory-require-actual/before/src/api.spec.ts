import { fetchUser, VERSION } from './api';

jest.mock('./api', () => ({
  ...jest.requireActual('./api'),
  fetchUser: jest.fn(async (id: string) => ({ id, mocked: true })),
}));

it('keeps the real constant', async () => {
  expect(VERSION).toBe(1);
  await expect(fetchUser('a')).resolves.toEqual({ id: 'a', mocked: true });
});
