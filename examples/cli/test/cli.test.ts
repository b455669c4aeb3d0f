import { test } from 'node:test';
import assert = require('assert');
import os = require('os');
import fs = require('fs');
import path = require('path');

const { parseArgs } = require('../src/args');
const { countText } = require('../src/count');
const { main } = require('../src/main');

test('parseArgs shows both counts by default', () => {
  assert.deepStrictEqual(parseArgs(['a.txt']), { files: ['a.txt'], lines: true, words: true });
  assert.deepStrictEqual(parseArgs(['-l', 'a.txt']), { files: ['a.txt'], lines: true, words: false });
});

test('countText counts lines and words', () => {
  assert.deepStrictEqual(countText('one two\nthree\n'), { lines: 2, words: 3 });
  assert.deepStrictEqual(countText(''), { lines: 0, words: 0 });
});

test('main prints one row per file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wc-lite-'));
  const file = path.join(dir, 'f.txt');
  fs.writeFileSync(file, 'a b c\nd\n');
  const out: string[] = [];
  assert.strictEqual(main(['-w', file], (l: string) => out.push(l)), 0);
  assert.deepStrictEqual(out, [`       4 ${file}`]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('main without files prints usage', () => {
  const out: string[] = [];
  assert.strictEqual(main([], (l: string) => out.push(l)), 2);
  assert.match(out[0] ?? '', /usage/);
});
