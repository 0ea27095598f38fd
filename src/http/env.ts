import type { TDb } from '../db/connect.ts';

/** What the auth middleware puts on the context of every /v1 request. */
export type TAppEnv = {
  Variables: {
    db: TDb;
    workspaceId: string;
    apiKeyId: string;
  };
};
