/** The service log: JSON lines off a terminal, readable lines on one, secrets redacted. */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/agent/index.js';
import { createLogger } from '../../src/observe/index.js';

function capture(pretty: boolean, level: 'info' | 'debug' = 'info', secrets: string[] = []) {
  const out: string[] = [];
  const logger = createLogger({ level, pretty, write: (t) => out.push(t), redact: createRedactor(secrets), base: { service: 'worker' } });
  return { logger, out };
}

describe('service log', () => {
  it('writes one JSON object per line with the job fields', () => {
    const { logger, out } = capture(false);
    logger.child({ campaignId: 'c1', repo: 'svc', jobId: 'c1.svc' }).info({ stage: 'gate', phase: 'end' }, 'gate end ok');
    const lines = out.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 30, service: 'worker', campaignId: 'c1', repo: 'svc', jobId: 'c1.svc', stage: 'gate', msg: 'gate end ok' });
    expect(typeof entry.time).toBe('string');
  });

  it('on a terminal prints the message alone, warnings prefixed', () => {
    const { logger, out } = capture(true);
    logger.info({ jobId: 'x' }, '✓ x verified');
    logger.warn('stalled');
    expect(out.join('')).toBe('✓ x verified\nwarn: stalled\n');
  });

  it('--log-level filters lines', () => {
    const quiet = capture(false, 'info');
    quiet.logger.debug('stage start');
    expect(quiet.out).toEqual([]);
    const verbose = capture(false, 'debug');
    verbose.logger.debug('stage start');
    expect(verbose.out.join('')).toContain('stage start');
  });

  it('redacts secret-named fields and configured or token-shaped values', () => {
    const apiKey = 'configured-secret-value-123';
    const { logger, out } = capture(false, 'info', [apiKey]);
    logger.info({ token: 'abc', headers: { authorization: 'Bearer zzz' }, note: `key ${apiKey}` }, `push with ghp_${'a'.repeat(36)} failed`);
    const text = out.join('');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain('ghp_aaaa');
    expect(text).not.toContain('zzz');
    const entry = JSON.parse(text) as { token: string; note: string; msg: string };
    expect(entry.token).toBe('[REDACTED]');
    expect(entry.note).toBe('key [REDACTED]');
    expect(entry.msg).toContain('[REDACTED]');
  });
});
