import { expect, test, vi } from 'vitest';
vi.mock('./mailer');

test('uses the mock', async () => {
  const mailer = await vi.importMock('./mailer');
  mailer.send('x');
  expect(mailer.send).toHaveBeenCalledWith('x');
});
