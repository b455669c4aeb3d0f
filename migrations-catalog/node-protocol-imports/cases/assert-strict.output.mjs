import assert from 'node:assert/strict';
import { strictEqual } from 'node:assert';

assert.ok(true);
strictEqual(1, 1);
