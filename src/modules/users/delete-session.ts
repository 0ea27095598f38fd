import type { TDb } from '../../db/connect.ts';

/** Logs out: the session row goes, so the cookie stops working even if a copy of it survives somewhere. */
export async function deleteSession({
  db,
  workspaceId,
  sessionHash,
}: {
  db: TDb;
  workspaceId: string;
  sessionHash: string;
}): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('id_hash', '=', sessionHash)
    .execute();
}
