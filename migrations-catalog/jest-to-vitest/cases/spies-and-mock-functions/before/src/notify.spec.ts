const logger = { info: (msg: string) => msg };

describe('notify', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('calls back', () => {
    const cb = jest.fn().mockReturnValue(42);
    expect(cb('x')).toBe(42);
    expect(cb).toHaveBeenCalledWith('x');
  });

  it('spies', () => {
    const spy = jest.spyOn(logger, 'info').mockImplementation(() => 'muted');
    logger.info('hello');
    expect(spy).toHaveBeenCalledTimes(1);
    jest.clearAllMocks();
  });
});
