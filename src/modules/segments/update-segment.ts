import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getSegment } from './get-segment.ts';
import { parseFilter } from './parse-filter.ts';
import { refreshSegments } from './refresh-segments.ts';
import { checkSegmentField, type TSegment, ZSegmentFilter, ZSegmentName } from './segment-shape.ts';

export type TUpdateSegmentInput = {
  db: TDb;
  workspaceId: string;
  segmentId: string;
  name?: string;
  description?: string | null;
  filter?: string;
};

/** Changes a segment's name, description or filter, and recomputes its members in the same transaction. */
export async function updateSegment(input: TUpdateSegmentInput): Promise<TSegment> {
  const { db, workspaceId, segmentId } = input;
  const name = input.name === undefined ? undefined : checkSegmentField(ZSegmentName, 'name', input.name);
  const filter =
    input.filter === undefined ? undefined : checkSegmentField(ZSegmentFilter, 'filter', input.filter);
  if (filter !== undefined) parseFilter(filter);
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('segments')
      .set({ name, description: input.description, filter, updated_at: sql`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', segmentId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('not_found', `no segment "${segmentId}" in this workspace`);
    await refreshSegments({ db: trx, workspaceId, segmentIds: [segmentId] });
    return getSegment({ db: trx, workspaceId, segmentId });
  });
}
