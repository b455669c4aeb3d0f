import { vi, test, expect } from 'vitest';
import os from 'os';

vi.mock('os', async () => {
  const actual = await vi.importActual<typeof import('os')>('os');
  return { default: { ...actual, hostname: () => 'box' } };
});

test('hostname', () => expect(os.hostname()).toBe('box'));
