import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { GodwitError } from '../../src/errors.js';
import {
  CONTENT_SECURITY_POLICY,
  CsrfGuard,
  TOKEN_COOKIE,
  assertBindingAllowed,
  authenticate,
  cookieValueFor,
  hostHeaderAllowed,
  isLoopbackHost,
  sameOrigin,
} from '../../src/dashboard/security.js';

function req(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('binding rule', () => {
  it('allows loopback without a token', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(isLoopbackHost(h)).toBe(true);
      expect(() => assertBindingAllowed(h, undefined)).not.toThrow();
    }
  });

  it('refuses any other host without a token, saying why and what to do', () => {
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      let error: unknown;
      try {
        assertBindingAllowed(h, undefined);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GodwitError);
      const e = error as GodwitError;
      expect(e.code).toBe('dashboard-token-missing');
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain(h);
      expect(e.message).toContain('without a token');
      expect(e.hint).toContain('GODWIT_DASHBOARD_TOKEN');
    }
    expect(() => assertBindingAllowed('0.0.0.0', '')).toThrow(GodwitError);
    expect(() => assertBindingAllowed('0.0.0.0', 's3cret-token')).not.toThrow();
  });
});

describe('Host header (DNS rebinding)', () => {
  it('without a token, answers only to loopback names', () => {
    for (const host of ['127.0.0.1:4700', 'localhost:4700', '[::1]:4700', 'localhost']) expect(hostHeaderAllowed(req({ host }), undefined)).toBe(true);
    for (const host of ['evil.example:4700', '10.0.0.5:4700', '']) expect(hostHeaderAllowed(req({ host }), undefined)).toBe(false);
    expect(hostHeaderAllowed(req({}), undefined)).toBe(false);
    expect(hostHeaderAllowed(req({ host: 'dash.internal:4700' }), 'token')).toBe(true);
  });
});

describe('token check', () => {
  const token = 'correct-horse-battery-staple';
  const url = (q = '') => new URL(`http://x/c/1${q}`);

  it('passes everything when no token is configured', () => {
    expect(authenticate(req({}), url(), undefined)).toBe('ok');
  });

  it('accepts a bearer header or the login cookie, and offers login for ?token=', () => {
    expect(authenticate(req({ authorization: `Bearer ${token}` }), url(), token)).toBe('ok');
    expect(authenticate(req({ cookie: `a=b; ${TOKEN_COOKIE}=${cookieValueFor(token)}` }), url(), token)).toBe('ok');
    expect(authenticate(req({}), url(`?token=${token}`), token)).toBe('login');
  });

  it('denies a missing or wrong token, and a cookie holding the raw token', () => {
    expect(authenticate(req({}), url(), token)).toBe('denied');
    expect(authenticate(req({ authorization: 'Bearer nope' }), url(), token)).toBe('denied');
    expect(authenticate(req({}), url('?token=nope'), token)).toBe('denied');
    expect(authenticate(req({ cookie: `${TOKEN_COOKIE}=${token}` }), url(), token)).toBe('denied');
  });
});

describe('CSRF', () => {
  it('verifies tokens it issued and nothing else', () => {
    const guard = new CsrfGuard();
    const t = guard.issue();
    expect(guard.verify(t)).toBe(true);
    expect(guard.verify(undefined)).toBe(false);
    expect(guard.verify('')).toBe(false);
    expect(guard.verify(`${t.split('.')[0]}.forged`)).toBe(false);
    expect(new CsrfGuard().verify(t)).toBe(false);
  });

  it('checks Origin against Host when the browser sends one', () => {
    expect(sameOrigin(req({ host: '127.0.0.1:4700' }))).toBe(true);
    expect(sameOrigin(req({ host: '127.0.0.1:4700', origin: 'http://127.0.0.1:4700' }))).toBe(true);
    expect(sameOrigin(req({ host: '127.0.0.1:4700', origin: 'http://evil.example' }))).toBe(false);
  });

  it('the CSP allows no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});
