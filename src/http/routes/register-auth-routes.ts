import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../errors.ts';
import { countUsers } from '../../modules/users/count-users.ts';
import { createFirstAdmin } from '../../modules/users/create-first-admin.ts';
import { createSession } from '../../modules/users/create-session.ts';
import { deleteSession } from '../../modules/users/delete-session.ts';
import { getUser } from '../../modules/users/get-user.ts';
import { logIn } from '../../modules/users/log-in.ts';
import { updateProfile } from '../../modules/users/update-profile.ts';
import { ZLocale } from '../../modules/users/validate-user.ts';
import { clientAddress } from '../client-address.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../session-cookie.ts';
import { moreErrors, security, ZPassword, ZSession, ZUser, ZWorkspaceField } from './user-schemas.ts';

const tags = ['auth'];
const json = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const login = createRoute({
  method: 'post',
  path: '/v1/auth/login',
  tags,
  security: [],
  summary: 'Sign in with email and password: sets the session cookie',
  request: json(
    z.object({
      workspace: ZWorkspaceField,
      email: z.string().min(1).max(320),
      password: z.string().min(1).max(1024),
    }),
  ),
  responses: {
    200: jsonResponse(ZSession, 'signed in; the cookie tenure_session is set'),
    ...errorResponses,
    ...moreErrors.rateLimited,
  },
});

const logout = createRoute({
  method: 'post',
  path: '/v1/auth/logout',
  tags,
  security,
  summary: 'Sign out: ends the session and clears its cookie',
  responses: { 200: jsonResponse(z.object({ logged_out: z.boolean() }), 'signed out'), ...errorResponses },
});

const ZMe = z
  .object({
    workspace: z.string(),
    role: z.string(),
    user: ZUser.nullable().openapi({ description: 'null for an API key' }),
    csrf_token: z.string().nullable(),
    api_key_id: z.string().nullable(),
  })
  .openapi('Me');

const me = createRoute({
  method: 'get',
  path: '/v1/auth/me',
  tags,
  security,
  summary: 'Who is calling: the user (or API key), their role, and the CSRF token of the session',
  responses: { 200: jsonResponse(ZMe, 'the caller'), ...errorResponses },
});

const updateMe = createRoute({
  method: 'put',
  path: '/v1/auth/me',
  tags,
  security,
  summary: 'Change your own name, language or password (the current password is required for a new one)',
  request: json(
    z
      .object({
        name: z.string().max(200).nullable().optional(),
        locale: ZLocale.optional(),
        current_password: z.string().max(1024).optional(),
        new_password: ZPassword.optional(),
      })
      .refine((b) => (b.new_password === undefined) === (b.current_password === undefined), {
        message: 'current_password and new_password go together',
      }),
  ),
  responses: { 200: jsonResponse(ZUser, 'the updated user'), ...errorResponses, ...moreErrors.rateLimited },
});

const setupStatus = createRoute({
  method: 'get',
  path: '/v1/setup',
  tags,
  security: [],
  summary: 'Whether the store has no users yet (then POST /v1/setup creates the first admin)',
  responses: { 200: jsonResponse(z.object({ needs_setup: z.boolean() }), 'setup state') },
});

const setup = createRoute({
  method: 'post',
  path: '/v1/setup',
  tags,
  security: [],
  summary: 'Create the first admin of an empty store and sign in; refused once any user exists',
  request: json(
    z.object({
      workspace: ZWorkspaceField,
      email: z.string().min(1).max(320),
      password: ZPassword,
      name: z.string().max(200).optional(),
      locale: ZLocale.optional(),
    }),
  ),
  responses: {
    201: jsonResponse(ZSession, 'the first admin, signed in'),
    ...errorResponses,
    ...moreErrors.conflict,
  },
});

function sessionBody(workspace: string, user: z.infer<typeof ZUser>, csrfToken: string, expiresAt: Date) {
  return { workspace, user, csrf_token: csrfToken, expires_at: expiresAt.toISOString() };
}

/** Sets Retry-After on a rate-limited answer, then lets the error reach handleError as usual. */
function withRetryAfter(c: Context, error: unknown): never {
  if (error instanceof AppError && error.code === 'rate_limited') {
    const seconds = (error.details as { retry_after?: number } | undefined)?.retry_after;
    if (seconds !== undefined) c.header('Retry-After', String(seconds));
  }
  throw error;
}

/** Sign-in, sign-out, the caller's own profile, and the one-time setup of an empty store (tag `auth`). */
export function registerAuthRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session of POST /v1/auth/login; changes also need the X-CSRF-Token header.',
  });

  app.openapi(login, async (c) => {
    const body = c.req.valid('json');
    const result = await logIn({
      db: c.get('db'),
      workspaceId: body.workspace,
      email: body.email,
      password: body.password,
      ip: clientAddress(c),
    }).catch((error: unknown) => withRetryAfter(c, error));
    setSessionCookie(c, result.token, result.expiresAt);
    return c.json(sessionBody(body.workspace, result.user, result.csrfToken, result.expiresAt), 200);
  });

  app.openapi(logout, async (c) => {
    const sessionHash = c.get('sessionHash');
    if (sessionHash) await deleteSession({ db: c.get('db'), workspaceId: c.get('workspaceId'), sessionHash });
    clearSessionCookie(c);
    return c.json({ logged_out: sessionHash !== undefined }, 200);
  });

  app.openapi(me, async (c) => {
    const userId = c.get('userId');
    const workspaceId = c.get('workspaceId');
    const user = userId ? await getUser({ db: c.get('db'), workspaceId, idOrEmail: userId }) : null;
    return c.json(
      {
        workspace: workspaceId,
        role: c.get('role'),
        user,
        csrf_token: c.get('csrfToken') ?? null,
        api_key_id: c.get('apiKeyId') ?? null,
      },
      200,
    );
  });

  app.openapi(updateMe, async (c) => {
    const userId = c.get('userId');
    if (!userId) throw new AppError('invalid_usage', 'an API key has no profile: sign in as a user');
    const body = c.req.valid('json');
    const user = await updateProfile({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      userId,
      name: body.name,
      locale: body.locale,
      password:
        body.current_password !== undefined && body.new_password !== undefined
          ? { current: body.current_password, new: body.new_password }
          : undefined,
      keepSessionHash: c.get('sessionHash'),
      ip: clientAddress(c),
    }).catch((error: unknown) => withRetryAfter(c, error));
    return c.json(user, 200);
  });

  app.openapi(setupStatus, async (c) =>
    c.json({ needs_setup: (await countUsers({ db: c.get('db') })) === 0 }, 200),
  );

  app.openapi(setup, async (c) => {
    const body = c.req.valid('json');
    const db = c.get('db');
    const user = await createFirstAdmin({
      db,
      workspaceId: body.workspace,
      email: body.email,
      password: body.password,
      name: body.name,
      locale: body.locale,
    });
    const session = await createSession({ db, workspaceId: body.workspace, userId: user.id });
    setSessionCookie(c, session.token, session.expiresAt);
    return c.json(sessionBody(body.workspace, user, session.csrfToken, session.expiresAt), 201);
  });
}
