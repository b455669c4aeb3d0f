import { describe, it } from 'node:test';
import assert from 'node:assert';
import legacy from 'test';

describe('x', () => it('works', () => assert.ok(legacy)));
