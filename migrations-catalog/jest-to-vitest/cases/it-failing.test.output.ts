import { expect, it, test } from 'vitest';
import { parse } from './parse';

it.fails('throws on empty input (known bug)', () => {
  expect(parse('')).toEqual([]);
});

test.fails.each([['{'], ['[']])('rejects %s', (src) => {
  expect(parse(src)).toBeDefined();
});
