import type { TDb } from '../../db/connect.ts';

/** The accounts currently in a segment (as of its last refresh). */
export async function findSegmentMemberIds({
  db,
  workspaceId,
  segmentId,
}: {
  db: TDb;
  workspaceId: string;
  segmentId: string;
}): Promise<string[]> {
  const rows = await db
    .selectFrom('segment_memberships')
    .select('account_id')
    .where('workspace_id', '=', workspaceId)
    .where('segment_id', '=', segmentId)
    .orderBy('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}
