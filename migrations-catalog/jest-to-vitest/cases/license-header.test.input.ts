/**
 * Copyright (c) Example Corp.
 * Licensed under the MIT license.
 */

describe('license', () => {
  it('keeps the header first', () => {
    expect(jest.fn()).toBeDefined();
  });
});
