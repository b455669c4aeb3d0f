import { test } from 'node:test';
import assert from 'node:assert';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { announce, parseConfig, readConfig } from '../src/config';

test('parseConfig reads key=value lines and skips comments', () => {
  assert.deepStrictEqual(parseConfig('a = 1\n# note\nb=two # trailing\n\n'), { a: '1', b: 'two' });
});

test('readConfig reads the file from the folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'config-reader-'));
  writeFileSync(path.join(dir, 'app.conf'), 'port=8080\n');
  assert.deepStrictEqual(readConfig(dir), { port: '8080' });
});

test('announce emits the number of keys', () => {
  const events = new EventEmitter();
  let seen = -1;
  events.on('config', (n: number) => (seen = n));
  announce(events, { a: '1', b: '2' });
  assert.strictEqual(seen, 2);
});
