/**
 * Copyright (c) Example Corp.
 * Licensed under the MIT license.
 */

import { describe, expect, it, vi } from 'vitest';
describe('license', () => {
  it('keeps the header first', () => {
    expect(vi.fn()).toBeDefined();
  });
});
