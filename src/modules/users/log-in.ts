import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { checkLoginRate } from './check-login-rate.ts';
import { createSession, type TNewSession } from './create-session.ts';
import { hashPassword } from './hash-password.ts';
import { type TUser, toUser, USER_COLUMNS } from './to-user.ts';
import { verifyPassword } from './verify-password.ts';

/** Failed attempts are kept a day: long past every window, short enough that the table stays small. */
const ATTEMPT_RETENTION = sql`interval '1 day'`;

/**
 * Hashed once per process. An unknown email is checked against it, so that answering "no such user" takes
 * as long as "wrong password" and timing does not reveal who has an account.
 */
let decoyHash: Promise<string> | undefined;

export type TLogIn = { user: TUser } & TNewSession;

/**
 * Email and password → a new session. Unknown workspace, unknown email, wrong password and disabled user
 * all give one 401, and each counts as a failure for rate limiting (check-login-rate.ts).
 */
export async function logIn({
  db,
  workspaceId,
  email,
  password,
  ip,
}: {
  db: TDb;
  workspaceId: string;
  email: string;
  password: string;
  ip: string;
}): Promise<TLogIn> {
  const normalized = email.trim().toLowerCase();
  await checkLoginRate({ db, workspaceId, email: normalized, ip });
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', normalized)
    .executeTakeFirst();
  decoyHash ??= hashPassword('decoy password, never valid');
  const isMatch = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  if (!row || !isMatch || row.disabled_at !== null) {
    await db
      .insertInto('login_attempts')
      .values({ workspace_id: workspaceId, email: normalized, ip })
      .execute();
    await db
      .deleteFrom('login_attempts')
      .where('attempted_at', '<', sql<Date>`now() - ${ATTEMPT_RETENTION}`)
      .execute();
    throw new AppError('unauthorized', 'invalid email or password');
  }
  await db
    .deleteFrom('login_attempts')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', normalized)
    .execute();
  await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', row.id)
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
  const session = await createSession({ db, workspaceId, userId: row.id });
  return { user: toUser(row), ...session };
}
