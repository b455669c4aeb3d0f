import { formatDay, now } from '../src/clock';

jest.mock('../src/clock');

test('the mock keeps the real formatDay', () => {
  expect(formatDay(now())).toBe('2024-05-17');
});
