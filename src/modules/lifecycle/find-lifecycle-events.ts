import type { TDb } from '../../db/connect.ts';
import type { LifecycleEventsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export type TLifecycleEventType = LifecycleEventsTable['type'];
export const LIFECYCLE_EVENT_TYPES: readonly TLifecycleEventType[] = [
  'segment_entered',
  'segment_left',
  'tier_changed',
  'stage_changed',
  'health_band_changed',
];

export type TLifecycleEvent = {
  id: number;
  account_id: string;
  account_name: string;
  type: TLifecycleEventType;
  segment_id: string | null;
  from_value: string | null;
  to_value: string | null;
  occurred_at: string;
};

/**
 * Lifecycle events of the workspace, newest first: what entered or left a segment, changed tier or stage,
 * or changed health band. `since` is an instant or a `YYYY-MM-DD` day (from its start, UTC) and is
 * inclusive.
 */
export async function findLifecycleEvents({
  db,
  workspaceId,
  accountId,
  segmentId,
  since,
  types,
  limit = 100,
}: {
  db: TDb;
  workspaceId: string;
  accountId?: string;
  segmentId?: string;
  since?: string;
  types?: TLifecycleEventType[];
  limit?: number;
}): Promise<{ events: TLifecycleEvent[] }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new AppError('invalid_input', `limit: expected a whole number from 1 to 10000, got ${limit}`);
  const unknown = types?.find((type) => !LIFECYCLE_EVENT_TYPES.includes(type));
  if (unknown !== undefined)
    throw new AppError(
      'invalid_input',
      `types: expected ${LIFECYCLE_EVENT_TYPES.join(', ')}, got "${unknown}"`,
    );
  const sinceDate =
    since === undefined ? undefined : new Date(since.length === 10 ? `${since}T00:00:00Z` : since);
  if (sinceDate && Number.isNaN(sinceDate.getTime()))
    throw new AppError(
      'invalid_input',
      `since: expected YYYY-MM-DD or an ISO 8601 timestamp, got "${since}"`,
    );
  let query = db
    .selectFrom('lifecycle_events as e')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'e.workspace_id').onRef('a.id', '=', 'e.account_id'),
    )
    .select([
      'e.id',
      'e.account_id',
      'a.name as account_name',
      'e.type',
      'e.segment_id',
      'e.from_value',
      'e.to_value',
      'e.occurred_at',
    ])
    .where('e.workspace_id', '=', workspaceId);
  if (accountId !== undefined) query = query.where('e.account_id', '=', accountId);
  if (segmentId !== undefined) query = query.where('e.segment_id', '=', segmentId);
  if (sinceDate) query = query.where('e.occurred_at', '>=', sinceDate);
  if (types?.length) query = query.where('e.type', 'in', types);
  const rows = await query.orderBy('e.occurred_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
  return {
    events: rows.map((row) => ({ ...row, id: Number(row.id), occurred_at: row.occurred_at.toISOString() })),
  };
}
