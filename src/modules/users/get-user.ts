import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type TUser, toUser, USER_COLUMNS } from './to-user.ts';

/** One user of the workspace, named by id or by email (case-insensitive). */
export async function getUser({
  db,
  workspaceId,
  idOrEmail,
}: {
  db: TDb;
  workspaceId: string;
  idOrEmail: string;
}): Promise<TUser> {
  const isEmail = idOrEmail.includes('@');
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS])
    .where('workspace_id', '=', workspaceId)
    .where(isEmail ? 'email' : 'id', '=', isEmail ? idOrEmail.trim().toLowerCase() : idOrEmail)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no user "${idOrEmail}" in workspace "${workspaceId}"`);
  return toUser(row);
}
