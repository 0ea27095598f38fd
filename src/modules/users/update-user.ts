import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assertAdminRemains } from './assert-admin-remains.ts';
import { hashPassword } from './hash-password.ts';
import type { TRole } from './roles.ts';
import { type TUser, toUser, USER_COLUMNS } from './to-user.ts';
import { assertPassword, normalizeName, type TLocale } from './validate-user.ts';

export type TUpdateUserInput = {
  db: TDb;
  workspaceId: string;
  id: string;
  role?: TRole;
  name?: string | null;
  locale?: TLocale;
  isDisabled?: boolean;
  /** An admin's reset of someone's password; the user's sessions end. */
  password?: string;
};

/**
 * An admin's change to a user. Disabling or a new password ends the user's sessions at once; a new role
 * applies to the next request (sessions read the role from `users`).
 */
export async function updateUser(input: TUpdateUserInput): Promise<TUser> {
  const { db, workspaceId, id } = input;
  const name = input.name === undefined ? undefined : normalizeName(input.name);
  const passwordHash =
    input.password === undefined ? undefined : await hashPassword(assertPassword(input.password));
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw new AppError('not_found', `no user "${id}" in workspace "${workspaceId}"`);
    const isLeavingAdmin =
      current.role === 'admin' &&
      current.disabled_at === null &&
      ((input.role !== undefined && input.role !== 'admin') || input.isDisabled === true);
    if (isLeavingAdmin) await assertAdminRemains({ trx, workspaceId, userId: id });
    const row = await trx
      .updateTable('users')
      .set({
        ...(input.role !== undefined && { role: input.role }),
        ...(name !== undefined && { name }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
        ...(input.isDisabled !== undefined && {
          disabled_at: input.isDisabled ? sql<Date>`coalesce(disabled_at, now())` : null,
        }),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returning([...USER_COLUMNS])
      .executeTakeFirstOrThrow();
    if (input.isDisabled === true || passwordHash !== undefined) {
      await trx
        .deleteFrom('sessions')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', id)
        .execute();
    }
    return toUser(row);
  });
}
