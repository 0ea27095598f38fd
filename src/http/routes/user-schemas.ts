import { z } from '@hono/zod-openapi';
import { ZRole } from '../../modules/users/roles.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ZLocale } from '../../modules/users/validate-user.ts';
import { ZErrorBody } from '../schemas.ts';

/** Request and response shapes of the auth, user and API-key routes (register-auth/user-routes.ts). */
export const ZUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: ZRole,
    locale: ZLocale,
    created_at: z.string(),
    disabled_at: z.string().nullable(),
  })
  .openapi('User');

export const ZPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH)
  .max(MAX_PASSWORD_LENGTH)
  .openapi({ description: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters` });

export const ZSession = z
  .object({
    workspace: z.string(),
    user: ZUser,
    csrf_token: z.string().openapi({ description: 'send as X-CSRF-Token with every change' }),
    expires_at: z.string(),
  })
  .openapi('Session');

export const ZWorkspaceField = z
  .string()
  .min(1)
  .default('default')
  .openapi({ description: 'the workspace to sign in to (users belong to one workspace)' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
});

export const moreErrors = {
  forbidden: { 403: errorResponse('the role is not enough, or the X-CSRF-Token header is missing') },
  conflict: { 409: errorResponse('the change collides with current state') },
  rateLimited: { 429: errorResponse('too many failed logins; see Retry-After') },
};

/** Either credential: an API key, or the session cookie of a signed-in user (with X-CSRF-Token). */
export const security: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
