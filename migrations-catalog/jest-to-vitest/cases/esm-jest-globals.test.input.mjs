import { jest, describe, expect, test } from '@jest/globals';
import { cache } from './cache.mjs';

describe('cache', () => {
  test('stores', () => {
    const spy = jest.spyOn(cache, 'set');
    cache.set('a', 1);
    expect(spy).toHaveBeenCalledWith('a', 1);
  });
});
