import type { TDb } from '../../db/connect.ts';

/**
 * Whether the workspace holds accounts: from then on its amounts and dates were stored in its reporting
 * currency and time zone, which therefore can no longer change (updateWorkspace refuses it).
 */
export async function hasWorkspaceData({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
