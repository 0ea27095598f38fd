import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** `not_found` unless the account is in the workspace: another workspace's account reads as unknown. */
export async function assertAccountExists({
  db,
  workspaceId,
  accountId,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
}): Promise<void> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `account "${accountId}" not found`);
}
