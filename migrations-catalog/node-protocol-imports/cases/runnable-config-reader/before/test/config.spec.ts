import { test } from 'node:test';
import assert from 'assert';
import { EventEmitter } from 'events';
import { mkdtempSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
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
