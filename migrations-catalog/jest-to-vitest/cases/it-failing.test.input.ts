import { parse } from './parse';

it.failing('throws on empty input (known bug)', () => {
  expect(parse('')).toEqual([]);
});

test.failing.each([['{'], ['[']])('rejects %s', (src) => {
  expect(parse(src)).toBeDefined();
});
