import { expect, it, vi } from 'vitest';
vi.setConfig({ testTimeout: 30000 });

it('waits', async () => {
  await new Promise((r) => setTimeout(r, 1));
  expect(true).toBe(true);
});
