import { readFileSync } from 'fs';
import { expect, it, vi } from 'vitest';

vi.mock('fs', () => ({ readFileSync: () => 'mocked' }));

it('mocks', () => {
  expect(readFileSync('x')).toBe('mocked');
});
