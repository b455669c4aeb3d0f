import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

vi.mock('node:fs', () => ({ readFileSync: () => 'mocked' }));

it('mocks', () => {
  expect(readFileSync('x')).toBe('mocked');
});
