import { describe, expect, test, vi } from 'vitest';
import { cache } from './cache.mjs';

describe('cache', () => {
  test('stores', () => {
    const spy = vi.spyOn(cache, 'set');
    cache.set('a', 1);
    expect(spy).toHaveBeenCalledWith('a', 1);
  });
});
