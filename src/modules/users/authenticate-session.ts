import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { SESSION_DAYS } from './create-session.ts';
import { hashSessionToken } from './hash-session-token.ts';
import type { TRole } from './roles.ts';

export type TSessionIdentity = {
  workspaceId: string;
  userId: string;
  role: TRole;
  csrfToken: string;
  sessionHash: string;
  expiresAt: Date;
  /** True when this request moved the expiry forward: the cookie should be sent again with it. */
  isRenewed: boolean;
};

export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** As for API keys: sliding the expiry on every request would turn each read into a write. */
const RENEW_AFTER = sql`interval '1 minute'`;

/**
 * The user behind a session cookie. Unknown, expired, and disabled users' sessions all fail with the one
 * 401 of the API, whose message is kept from the API-key era so that every failure stays identical.
 */
export async function authenticateSession({
  db,
  token,
}: {
  db: TDb;
  token: string;
}): Promise<TSessionIdentity> {
  const invalid = new AppError('unauthorized', 'missing or invalid API key');
  if (!SESSION_TOKEN_PATTERN.test(token)) throw invalid;
  const sessionHash = hashSessionToken(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) =>
      join.onRef('u.workspace_id', '=', 's.workspace_id').onRef('u.id', '=', 's.user_id'),
    )
    .select(['s.workspace_id', 's.user_id', 's.csrf_token', 's.expires_at', 'u.role'])
    .select(sql<boolean>`s.last_seen_at < now() - ${RENEW_AFTER}`.as('is_due'))
    .where('s.id_hash', '=', sessionHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw invalid;
  let expiresAt = row.expires_at;
  let isRenewed = false;
  if (row.is_due) {
    // The condition is repeated so that concurrent requests renew once.
    const renewed = await db
      .updateTable('sessions')
      .set({
        last_seen_at: sql<Date>`now()`,
        expires_at: sql<Date>`now() + make_interval(days => ${SESSION_DAYS})`,
      })
      .where('workspace_id', '=', row.workspace_id)
      .where('id_hash', '=', sessionHash)
      .where('last_seen_at', '<', sql<Date>`now() - ${RENEW_AFTER}`)
      .returning('expires_at')
      .executeTakeFirst();
    if (renewed) {
      expiresAt = renewed.expires_at;
      isRenewed = true;
    }
  }
  return {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    role: row.role,
    csrfToken: row.csrf_token,
    sessionHash,
    expiresAt,
    isRenewed,
  };
}
