import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GodwitError, toGodwitError } from '../src/errors.js';

describe('GodwitError', () => {
  it('maps usage codes to exit 2 and infrastructure codes to exit 3', () => {
    expect(new GodwitError('migration-unknown', 'x').exitCode).toBe(2);
    expect(new GodwitError('clone-failed', 'x').exitCode).toBe(3);
    expect(new GodwitError('clone-failed', 'x').retryable).toBe(true);
    expect(new GodwitError('migration-invalid', 'x').retryable).toBe(false);
  });

  it('lists every code once, each with an exit code of 2 or 3', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect([2, 3]).toContain(new GodwitError(code, 'x').exitCode);
  });

  it('wraps unknown errors and keeps GodwitErrors', () => {
    const original = new GodwitError('llm-failed', 'boom', 'retry');
    expect(toGodwitError(original)).toBe(original);
    const wrapped = toGodwitError(new Error('disk'), 'disk-full');
    expect(wrapped).toMatchObject({ code: 'disk-full', message: 'disk' });
    expect(JSON.parse(JSON.stringify(original))).toEqual({ code: 'llm-failed', message: 'boom', hint: 'retry' });
  });
});
