import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { checkLoginRate } from './check-login-rate.ts';
import { hashPassword } from './hash-password.ts';
import { type TUser, toUser, USER_COLUMNS } from './to-user.ts';
import { assertPassword, normalizeName, type TLocale } from './validate-user.ts';
import { verifyPassword } from './verify-password.ts';

export type TUpdateProfileInput = {
  db: TDb;
  workspaceId: string;
  userId: string;
  name?: string | null;
  locale?: TLocale;
  /** A new password needs the current one, so that a borrowed session cannot take the account over. */
  password?: { current: string; new: string };
  /** The session making the change: it stays, every other session of the user ends with a new password. */
  keepSessionHash?: string;
  /** The caller's address: a wrong current password counts as a failed login (check-login-rate.ts). */
  ip: string;
};

/** A user's change to their own name, language or password. */
export async function updateProfile(input: TUpdateProfileInput): Promise<TUser> {
  const { db, workspaceId, userId } = input;
  const name = input.name === undefined ? undefined : normalizeName(input.name);
  let passwordHash: string | undefined;
  if (input.password) {
    const current = await db
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!current) throw new AppError('not_found', `no user "${userId}" in workspace "${workspaceId}"`);
    await checkLoginRate({ db, workspaceId, email: current.email, ip: input.ip });
    if (!(await verifyPassword(input.password.current, current.password_hash))) {
      await db
        .insertInto('login_attempts')
        .values({ workspace_id: workspaceId, email: current.email, ip: input.ip })
        .execute();
      throw new AppError('invalid_input', 'the current password is wrong');
    }
    passwordHash = await hashPassword(assertPassword(input.password.new));
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({
        ...(name !== undefined && { name }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', userId)
      .returning([...USER_COLUMNS])
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', `no user "${userId}" in workspace "${workspaceId}"`);
    if (passwordHash !== undefined) {
      await trx
        .deleteFrom('sessions')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('id_hash', '!=', input.keepSessionHash ?? sql<string>`''`)
        .execute();
    }
    return toUser(row);
  });
}
