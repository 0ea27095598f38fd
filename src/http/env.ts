import type { TDb } from '../db/connect.ts';
import type { TRole } from '../modules/users/roles.ts';

/** What the auth middleware (authenticate.ts) puts on the context of every authenticated /v1 request. */
export type TAppEnv = {
  Variables: {
    db: TDb;
    workspaceId: string;
    role: TRole;
    /** Set when an API key authenticated the request. */
    apiKeyId?: string;
    /** Set when a session cookie authenticated the request. */
    userId?: string;
    sessionHash?: string;
    csrfToken?: string;
  };
};
