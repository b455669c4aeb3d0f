import greet from './greet';
import format from './format';

jest.mock('./greet', () => jest.fn(() => 'hi'));
jest.mock('./format', () => {
  return (s: string) => s.toUpperCase();
});

test('greets', () => {
  expect(format(greet())).toBe('HI');
});
