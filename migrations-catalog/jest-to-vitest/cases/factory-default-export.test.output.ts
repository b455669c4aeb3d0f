import { expect, test, vi } from 'vitest';
import greet from './greet';
import format from './format';

vi.mock('./greet', () => ({ default: vi.fn(() => 'hi') }));
vi.mock('./format', () => {
  return { default: (s: string) => s.toUpperCase() };
});

test('greets', () => {
  expect(format(greet())).toBe('HI');
});
