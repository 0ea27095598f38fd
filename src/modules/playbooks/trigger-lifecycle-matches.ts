import type { TDb } from '../../db/connect.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import type { TTrigger } from './trigger-schema.ts';

export type TLifecycleTrigger = Extract<
  TTrigger,
  { kind: 'health_band_changed' | 'stage_changed' | 'segment_entered' | 'segment_left' }
>;

/**
 * Lifecycle events (written by health scoring, classification and segment refreshes) of the trigger's
 * type in (`since`, `now`]. Their `occurred_at` is the database clock at the time of writing, so an event
 * is seen by the first evaluation after it was written. Key: `lifecycle_event:<id>`.
 * `from`/`to` filter on the old and new band or stage; an account's first classification has no `from`
 * value, so it matches only a trigger without `from`.
 */
export async function findLifecycleTriggerMatches({
  db,
  workspaceId,
  trigger,
  since,
  now,
}: {
  db: TDb;
  workspaceId: string;
  trigger: TLifecycleTrigger;
  since: Date;
  now: Date;
}): Promise<TTriggerMatch[]> {
  let query = db
    .selectFrom('lifecycle_events as e')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'e.workspace_id').onRef('a.id', '=', 'e.account_id'),
    )
    .select(['e.id', 'e.account_id', 'e.segment_id', 'e.from_value', 'e.to_value', 'e.occurred_at'])
    .where('e.workspace_id', '=', workspaceId)
    .where('e.type', '=', trigger.kind)
    .where('e.occurred_at', '>', since)
    .where('e.occurred_at', '<=', now);
  if (trigger.kind === 'segment_entered' || trigger.kind === 'segment_left') {
    query = query.where('e.segment_id', '=', trigger.segment_id);
  } else {
    if (trigger.from !== undefined) query = query.where('e.from_value', 'in', nonEmpty(trigger.from));
    if (trigger.to !== undefined) query = query.where('e.to_value', 'in', nonEmpty(trigger.to));
  }
  const rows = await query.orderBy('e.occurred_at').orderBy('e.id').execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: `lifecycle_event:${row.id}`,
    occurredAt: row.occurred_at,
    context:
      row.segment_id === null ? { from: row.from_value, to: row.to_value } : { segment_id: row.segment_id },
  }));
}

/** `in ()` is not SQL: an empty list means "no value matches", which a null item expresses. */
function nonEmpty(values: readonly string[]): (string | null)[] {
  return values.length === 0 ? [null] : [...values];
}
