import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/**
 * Refuses a change that would leave the workspace without an active admin: nobody could then manage users
 * or keys from the API. The workspace's active admins are locked first, so two admins demoting each other
 * at the same moment cannot both succeed (the second re-reads after the first commits).
 */
export async function assertAdminRemains({
  trx,
  workspaceId,
  userId,
}: {
  trx: Transaction<Database>;
  workspaceId: string;
  /** The user who stops being an active admin. */
  userId: string;
}): Promise<void> {
  const admins = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .forUpdate()
    .execute();
  if (admins.some((admin) => admin.id === userId) && admins.length <= 1) {
    throw new AppError(
      'conflict',
      'this is the last active admin of the workspace: make another admin first',
    );
  }
}
