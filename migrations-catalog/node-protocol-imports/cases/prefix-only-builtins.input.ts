import { describe, it } from 'node:test';
import assert from 'assert';
import legacy from 'test';

describe('x', () => it('works', () => assert.ok(legacy)));
