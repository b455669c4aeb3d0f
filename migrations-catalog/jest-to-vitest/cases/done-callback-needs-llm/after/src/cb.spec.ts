import { expect, it } from 'vitest';
function later(cb: (v: number) => void) {
  setTimeout(() => cb(7), 1);
}

it('calls back', async () => {
  const v = await new Promise<number>((resolve) => later(resolve));
  expect(v).toBe(7);
});
