import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getSegment } from './get-segment.ts';
import { parseFilter } from './parse-filter.ts';
import { refreshSegments } from './refresh-segments.ts';
import {
  checkSegmentField,
  slugOf,
  type TSegment,
  ZSegmentFilter,
  ZSegmentId,
  ZSegmentName,
} from './segment-shape.ts';

export type TCreateSegmentInput = {
  db: TDb;
  workspaceId: string;
  /** Defaults to a slug of the name (`Retail VIPs` → `retail-vips`). */
  id?: string;
  name: string;
  description?: string | null;
  filter: string;
};

/**
 * Saves a segment and computes its members at once, in one transaction: a segment never exists without
 * its membership (and the `segment_entered` events of its first members).
 */
export async function createSegment(input: TCreateSegmentInput): Promise<TSegment> {
  const { db, workspaceId } = input;
  const name = checkSegmentField(ZSegmentName, 'name', input.name);
  const id = checkSegmentField(ZSegmentId, 'id', input.id ?? slugOf(name));
  const filter = checkSegmentField(ZSegmentFilter, 'filter', input.filter);
  parseFilter(filter);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('segments')
      .values({ workspace_id: workspaceId, id, name, description: input.description ?? null, filter })
      .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      throw new AppError(
        'conflict',
        `a segment "${id}" already exists${input.id ? '' : ': give another id'}`,
      );
    }
    await refreshSegments({ db: trx, workspaceId, segmentIds: [id] });
    return getSegment({ db: trx, workspaceId, segmentId: id });
  });
}
