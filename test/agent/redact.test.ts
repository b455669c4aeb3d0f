import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../src/agent/redact.js';

describe('redact', () => {
  it('removes configured secrets by value and well-known token shapes', () => {
    const redact = createRedactor(['my-very-secret-value', undefined, 'abc']);
    const text = [
      'key my-very-secret-value here',
      'openai sk-proj-abcdefghijklmnopqrstuvwx',
      'github ghp_abcdefghijklmnopqrstuvwxyz0123',
      'Authorization: Bearer eyJhbGciOi.payload.sig',
      'short abc stays (too short to be a secret)',
    ].join('\n');
    expect(redact(text)).toBe(
      [`key ${REDACTED} here`, `openai ${REDACTED}`, `github ${REDACTED}`, `Authorization: Bearer ${REDACTED}`, 'short abc stays (too short to be a secret)'].join('\n'),
    );
  });
});
