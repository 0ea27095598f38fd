import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import { findApiKeys } from '../../modules/api-keys/find-api-keys.ts';
import { revokeApiKey } from '../../modules/api-keys/revoke-api-key.ts';
import { createUser } from '../../modules/users/create-user.ts';
import { deleteUser } from '../../modules/users/delete-user.ts';
import { findUsers } from '../../modules/users/find-users.ts';
import { ZRole } from '../../modules/users/roles.ts';
import { updateUser } from '../../modules/users/update-user.ts';
import { ZLocale } from '../../modules/users/validate-user.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';
import { moreErrors, security, ZPassword, ZUser } from './user-schemas.ts';

const json = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ZIdParam = z.object({ id: z.string().min(1).max(100) });
const users = { tags: ['users'], security };
const keys = { tags: ['api-keys'], security };
const adminErrors = { ...errorResponses, ...moreErrors.forbidden };

const listUsers = createRoute({
  ...users,
  method: 'get',
  path: '/v1/users',
  summary: "The workspace's users (admin)",
  responses: { 200: jsonResponse(z.object({ users: z.array(ZUser) }), 'every user'), ...adminErrors },
});

const createUserRoute = createRoute({
  ...users,
  method: 'post',
  path: '/v1/users',
  summary: 'Add a user (admin)',
  request: json(
    z.object({
      email: z.string().min(1).max(320),
      password: ZPassword,
      role: ZRole,
      name: z.string().max(200).nullable().optional(),
      locale: ZLocale.optional(),
    }),
  ),
  responses: { 201: jsonResponse(ZUser, 'the new user'), ...adminErrors, ...moreErrors.conflict },
});

const updateUserRoute = createRoute({
  ...users,
  method: 'put',
  path: '/v1/users/{id}',
  summary: "Change a user's role, name, language, disabled state or password (admin)",
  request: {
    params: ZIdParam,
    ...json(
      z.object({
        role: ZRole.optional(),
        name: z.string().max(200).nullable().optional(),
        locale: ZLocale.optional(),
        disabled: z.boolean().optional(),
        password: ZPassword.optional(),
      }),
    ),
  },
  responses: { 200: jsonResponse(ZUser, 'the updated user'), ...adminErrors, ...moreErrors.conflict },
});

const deleteUserRoute = createRoute({
  ...users,
  method: 'delete',
  path: '/v1/users/{id}',
  summary: 'Remove a user (admin); the last active admin cannot be removed',
  request: { params: ZIdParam },
  responses: {
    200: jsonResponse(z.object({ id: z.string() }), 'removed'),
    ...adminErrors,
    ...moreErrors.conflict,
  },
});

const ZApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');

const listKeys = createRoute({
  ...keys,
  method: 'get',
  path: '/v1/api-keys',
  summary: "The workspace's API keys, never the secrets (admin)",
  responses: { 200: jsonResponse(z.object({ api_keys: z.array(ZApiKey) }), 'every key'), ...adminErrors },
});

const createKey = createRoute({
  ...keys,
  method: 'post',
  path: '/v1/api-keys',
  summary: 'Create an API key (admin); the answer holds the secret, shown this once',
  request: json(z.object({ name: z.string().min(1).max(100).default('default') })),
  responses: {
    201: jsonResponse(
      z.object({
        id: z.string(),
        name: z.string(),
        key: z.string(),
        prefix: z.string(),
        created_at: z.string(),
      }),
      'the new key',
    ),
    ...adminErrors,
  },
});

const revokeKey = createRoute({
  ...keys,
  method: 'delete',
  path: '/v1/api-keys/{id}',
  summary: 'Revoke an API key (admin): it stops working at once',
  request: { params: ZIdParam },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), revoked_at: z.string() }), 'revoked'),
    ...adminErrors,
  },
});

/** Users and API keys of the workspace: the settings an admin manages (permissions.ts: admin only). */
export function registerUserRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(listUsers, async (c) =>
    c.json({ users: await findUsers({ db: c.get('db'), workspaceId: c.get('workspaceId') }) }, 200),
  );
  app.openapi(createUserRoute, async (c) => {
    const body = c.req.valid('json');
    const user = await createUser({ db: c.get('db'), workspaceId: c.get('workspaceId'), ...body });
    return c.json(user, 201);
  });
  app.openapi(updateUserRoute, async (c) => {
    const { disabled, ...body } = c.req.valid('json');
    const user = await updateUser({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      id: c.req.valid('param').id,
      ...body,
      isDisabled: disabled,
    });
    return c.json(user, 200);
  });
  app.openapi(deleteUserRoute, async (c) =>
    c.json(
      await deleteUser({ db: c.get('db'), workspaceId: c.get('workspaceId'), id: c.req.valid('param').id }),
      200,
    ),
  );
  app.openapi(listKeys, async (c) =>
    c.json({ api_keys: await findApiKeys({ db: c.get('db'), workspaceId: c.get('workspaceId') }) }, 200),
  );
  app.openapi(createKey, async (c) => {
    const { name } = c.req.valid('json');
    return c.json(await createApiKey({ db: c.get('db'), workspaceId: c.get('workspaceId'), name }), 201);
  });
  app.openapi(revokeKey, async (c) =>
    c.json(
      await revokeApiKey({ db: c.get('db'), workspaceId: c.get('workspaceId'), id: c.req.valid('param').id }),
      200,
    ),
  );
}
