import { expect, it, vi } from 'vitest';
import now from './clock';

vi.mock('./clock', () => ({
  default: vi.fn(() => 0),
}));

it('is mocked', () => {
  expect(now()).toBe(0);
});
