import { expect, test, vi } from 'vitest';
import { formatDay, now } from '../src/clock';

vi.mock('../src/clock');

test('the mock keeps the real formatDay', () => {
  expect(formatDay(now())).toBe('2024-05-17');
});
