import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type TSegment, toSegment } from './segment-shape.ts';

/** One segment of the workspace with its member count (as of its last refresh); not_found otherwise. */
export async function getSegment({
  db,
  workspaceId,
  segmentId,
}: {
  db: TDb;
  workspaceId: string;
  segmentId: string;
}): Promise<TSegment> {
  const row = await db
    .selectFrom('segments as s')
    .select(['s.id', 's.name', 's.description', 's.filter', 's.created_at', 's.updated_at'])
    .select((eb) =>
      eb
        .selectFrom('segment_memberships as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.workspace_id', '=', 's.workspace_id')
        .whereRef('m.segment_id', '=', 's.id')
        .as('member_count'),
    )
    .where('s.workspace_id', '=', workspaceId)
    .where('s.id', '=', segmentId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no segment "${segmentId}" in this workspace`);
  return toSegment({ ...row, member_count: row.member_count ?? 0 });
}
