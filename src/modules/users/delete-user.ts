import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assertAdminRemains } from './assert-admin-remains.ts';

/** Removes a user and their sessions; the last active admin of a workspace cannot be removed. */
export async function deleteUser({
  db,
  workspaceId,
  id,
}: {
  db: TDb;
  workspaceId: string;
  id: string;
}): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    await assertAdminRemains({ trx, workspaceId, userId: id });
    const row = await trx
      .deleteFrom('users')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', `no user "${id}" in workspace "${workspaceId}"`);
    return { id: row.id };
  });
}
