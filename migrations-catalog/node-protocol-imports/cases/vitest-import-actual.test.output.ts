import { vi, test, expect } from 'vitest';
import os from 'node:os';

vi.mock('node:os', async () => {
  const actual = await vi.importActual<typeof import('node:os')>('node:os');
  return { default: { ...actual, hostname: () => 'box' } };
});

test('hostname', () => expect(os.hostname()).toBe('box'));
