import assert from 'assert/strict';
import { strictEqual } from 'assert';

assert.ok(true);
strictEqual(1, 1);
