import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { TDb } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { authenticateApiKey } from '../modules/api-keys/authenticate-api-key.ts';
import { authenticateSession } from '../modules/users/authenticate-session.ts';
import type { TAppEnv } from './env.ts';
import { assertPermitted } from './permissions.ts';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie.ts';

/** What anyone may call: the API's description, signing in, and the one-time setup of an empty store. */
const PUBLIC_PATHS = new Set(['/v1/openapi.json', '/v1/auth/login', '/v1/setup']);
/**
 * Calls from other systems that cannot hold an API key (Stripe's webhooks, a payment provider's result
 * callback): each such route verifies the caller's signature with the workspace's secret itself.
 */
const SIGNED_PATHS = /^\/v1\/integrations\//;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isSameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who is calling, for every /v1 route: `Authorization: Bearer <API key>` (the key names the workspace and
 * acts as admin) or the `tenure_session` cookie of a signed-in user. Every failure is the same 401, so
 * nobody can probe which workspaces, keys or sessions exist. A cookie is sent by the browser on its own,
 * so changes made with one must also carry the session's `X-CSRF-Token`; a bearer key is never sent on
 * its own and needs none. Then the role must be enough for the route (permissions.ts).
 */
export function authenticate({ db }: { db: TDb }): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    c.set('db', db);
    if (PUBLIC_PATHS.has(c.req.path) || SIGNED_PATHS.test(c.req.path)) return next();
    const unauthorized = new AppError('unauthorized', 'missing or invalid API key');
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) throw unauthorized;
      const identity = await authenticateApiKey({ db, key: match[1] });
      c.set('workspaceId', identity.workspaceId);
      c.set('apiKeyId', identity.keyId);
      c.set('role', 'admin');
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (!token) throw unauthorized;
      const session = await authenticateSession({ db, token });
      if (!SAFE_METHODS.has(c.req.method) && !isSameSecret(c.req.header('x-csrf-token'), session.csrfToken)) {
        throw new AppError('forbidden', 'missing or wrong X-CSRF-Token header (see GET /v1/auth/me)');
      }
      c.set('workspaceId', session.workspaceId);
      c.set('userId', session.userId);
      c.set('sessionHash', session.sessionHash);
      c.set('csrfToken', session.csrfToken);
      c.set('role', session.role);
      if (session.isRenewed) setSessionCookie(c, token, session.expiresAt);
    }
    assertPermitted({ method: c.req.method, path: c.req.path, role: c.get('role') });
    await next();
  };
}
