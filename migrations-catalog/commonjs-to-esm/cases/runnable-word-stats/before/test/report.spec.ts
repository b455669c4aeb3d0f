import { test } from 'node:test';
import assert = require('assert');
const { words, countWords, countLines } = require('../src/words');
const report = require('../src/report');

test('words splits on whitespace', () => {
  assert.deepStrictEqual(words('  a bb\n ccc '), ['a', 'bb', 'ccc']);
  assert.strictEqual(countWords(''), 0);
  assert.strictEqual(countLines(''), 0);
});

test('report counts and finds the longest word', () => {
  assert.strictEqual(report('the quick brown fox'), '4 words, longest: quick');
});
