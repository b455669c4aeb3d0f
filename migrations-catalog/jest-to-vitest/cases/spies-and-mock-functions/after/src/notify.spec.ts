import { afterEach, describe, expect, it, vi } from 'vitest';
const logger = { info: (msg: string) => msg };

describe('notify', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('calls back', () => {
    const cb = vi.fn().mockReturnValue(42);
    expect(cb('x')).toBe(42);
    expect(cb).toHaveBeenCalledWith('x');
  });

  it('spies', () => {
    const spy = vi.spyOn(logger, 'info').mockImplementation(() => 'muted');
    logger.info('hello');
    expect(spy).toHaveBeenCalledTimes(1);
    vi.clearAllMocks();
  });
});
