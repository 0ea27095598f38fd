import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_DAYS } from '../modules/users/create-session.ts';

export const SESSION_COOKIE = 'tenure_session';

/**
 * HttpOnly keeps the token from scripts; SameSite=Lax keeps it off cross-site POSTs (CSRF tokens guard the
 * rest); Secure when the request came over https, directly or through a proxy that says so. Trusting the
 * proxy's header here is harmless: a forged one only makes the caller's own cookie stricter.
 */
function cookieOptions(c: Context) {
  const isHttps =
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps } as const;
}

/** Sent when a session starts or slides: both set its expiry to SESSION_DAYS from now. */
export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  const maxAge = SESSION_DAYS * 24 * 3600;
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge, expires: expiresAt });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}
