import type { MiddlewareHandler } from 'hono';
import type { TDb } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { authenticateApiKey } from '../modules/api-keys/authenticate-api-key.ts';
import type { TAppEnv } from './env.ts';

/**
 * `Authorization: Bearer <key>`; the key alone names the workspace. A missing header gets the same 401 as a
 * wrong or revoked key, so that nobody can probe which workspaces or keys exist.
 */
export function requireApiKey({ db }: { db: TDb }): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw new AppError('unauthorized', 'missing or invalid API key');
    const identity = await authenticateApiKey({ db, key: match[1] });
    c.set('db', db);
    c.set('workspaceId', identity.workspaceId);
    c.set('apiKeyId', identity.keyId);
    await next();
  };
}
