import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/**
 * Deletes a segment and its memberships (by cascade). No `segment_left` events are written: the accounts
 * did not change, the definition went away; past events keep the segment's id.
 */
export async function deleteSegment({
  db,
  workspaceId,
  segmentId,
}: {
  db: TDb;
  workspaceId: string;
  segmentId: string;
}): Promise<{ id: string; deleted: true }> {
  const deleted = await db
    .deleteFrom('segments')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', segmentId)
    .returning('id')
    .executeTakeFirst();
  if (!deleted) throw new AppError('not_found', `no segment "${segmentId}" in this workspace`);
  return { id: segmentId, deleted: true };
}
