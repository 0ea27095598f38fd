import type { TDb } from '../../db/connect.ts';
import { type TSegment, toSegment } from './segment-shape.ts';

/** Every segment of the workspace, by name, with member counts (as of their last refresh). */
export async function findSegments({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<{ segments: TSegment[] }> {
  const rows = await db
    .selectFrom('segments as s')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('segment_memberships')
          .select(['segment_id', eb.fn.countAll<number>().as('n')])
          .where('workspace_id', '=', workspaceId)
          .groupBy('segment_id')
          .as('c'),
      (join) => join.onRef('c.segment_id', '=', 's.id'),
    )
    .select(['s.id', 's.name', 's.description', 's.filter', 's.created_at', 's.updated_at', 'c.n'])
    .where('s.workspace_id', '=', workspaceId)
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
  return { segments: rows.map((row) => toSegment({ ...row, member_count: row.n ?? 0 })) };
}
