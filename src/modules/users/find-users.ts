import type { TDb } from '../../db/connect.ts';
import { type TUser, toUser, USER_COLUMNS } from './to-user.ts';

/** The workspace's users, disabled ones included, by email. */
export async function findUsers({ db, workspaceId }: { db: TDb; workspaceId: string }): Promise<TUser[]> {
  const rows = await db
    .selectFrom('users')
    .select([...USER_COLUMNS])
    .where('workspace_id', '=', workspaceId)
    .orderBy('email')
    .execute();
  return rows.map(toUser);
}
