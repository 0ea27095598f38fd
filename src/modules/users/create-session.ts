import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { hashSessionToken } from './hash-session-token.ts';

/** Sessions last 14 days from the last request (sliding); see authenticateSession. */
export const SESSION_DAYS = 14;

export type TNewSession = {
  /** The cookie value: shown to the browser once, stored only as its sha256. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
};

export async function createSession({
  db,
  workspaceId,
  userId,
}: {
  db: TDb;
  workspaceId: string;
  userId: string;
}): Promise<TNewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('sessions')
    .values({
      workspace_id: workspaceId,
      id_hash: hashSessionToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: sql<Date>`now() + make_interval(days => ${SESSION_DAYS})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return { token, csrfToken, expiresAt: row.expires_at };
}
