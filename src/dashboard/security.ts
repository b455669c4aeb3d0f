/**
 * The dashboard's security rules: which hosts it may bind to without a token, how a token is
 * checked (Authorization header, or a cookie set after a `?token=` login), the CSRF token for
 * actions, and the response headers (a strict Content-Security-Policy: no inline script).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GodwitError } from '../errors.js';

export const TOKEN_COOKIE = 'godwit_dashboard';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Refuses to expose the dashboard beyond this machine without a token. */
export function assertBindingAllowed(host: string, token: string | undefined): void {
  if (isLoopbackHost(host) || (token && token.length > 0)) return;
  throw new GodwitError(
    'dashboard-token-missing',
    `Refusing to listen on ${host} without a token: anyone who can reach that address could read repository code and LLM transcripts and retry or cancel jobs.`,
    'Set GODWIT_DASHBOARD_TOKEN (or dashboard.token in godwit.config) to a long random value, or use --host 127.0.0.1.',
  );
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The cookie holds a digest of the token, so the token itself never sits in the browser's jar. */
export function cookieValueFor(token: string): string {
  return createHash('sha256').update(`godwit-dashboard:${token}`).digest('hex');
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

/**
 * Without a token the dashboard trusts only requests addressed to a loopback name. This stops
 * DNS rebinding: a web page whose domain suddenly resolves to 127.0.0.1 would otherwise be
 * "same origin" with the dashboard and could read it and post actions.
 */
export function hostHeaderAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return isLoopbackHost(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

export type AuthResult = 'ok' | 'login' | 'denied';

/**
 * Checks a request against the token. 'login' means the URL carries a valid `?token=`: the
 * caller sets the cookie and redirects to the same URL without it.
 */
export function authenticate(req: IncomingMessage, url: URL, token: string | undefined): AuthResult {
  if (!token) return 'ok';
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ') && sameSecret(header.slice(7).trim(), token)) return 'ok';
  const cookie = parseCookies(req.headers.cookie).get(TOKEN_COOKIE);
  if (cookie && sameSecret(cookie, cookieValueFor(token))) return 'ok';
  const fromQuery = url.searchParams.get('token');
  if (fromQuery && sameSecret(fromQuery, token)) return 'login';
  return 'denied';
}

/** CSRF tokens are an HMAC under a per-process secret: only pages we served carry one. */
export class CsrfGuard {
  private readonly secret = randomBytes(32);

  issue(): string {
    const nonce = randomBytes(12).toString('base64url');
    return `${nonce}.${this.sign(nonce)}`;
  }

  verify(value: string | undefined | null): boolean {
    if (!value) return false;
    const [nonce, mac] = value.split('.');
    if (!nonce || !mac) return false;
    const expected = this.sign(nonce);
    return mac.length === expected.length && timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(nonce).digest('base64url');
  }
}

/** A POST must come from our own origin when the browser says where it comes from. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on our own form POSTs.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}
