import type { TDb } from '../../db/connect.ts';

/** How many users the workspace has, or the whole store when no workspace is given (disabled ones too). */
export async function countUsers({ db, workspaceId }: { db: TDb; workspaceId?: string }): Promise<number> {
  let query = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
