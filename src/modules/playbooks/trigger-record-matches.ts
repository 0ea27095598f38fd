import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import type { TTrigger } from './trigger-schema.ts';

export type TRecordTrigger = Extract<TTrigger, { kind: 'account_churned' | 'cancelled' | 'custom_event' }>;

type TInput<T> = { db: TDb; workspaceId: string; trigger: T; since: Date; now: Date; timezone: string };

/** Occurrences in (`since`, `now`] of the triggers read from one record each: a movement, a cancellation, an event. */
export async function findRecordTriggerMatches(input: TInput<TRecordTrigger>): Promise<TTriggerMatch[]> {
  const { trigger } = input;
  if (trigger.kind === 'account_churned') return findChurns({ ...input, trigger });
  if (trigger.kind === 'cancelled') return findCancellations({ ...input, trigger });
  return findCustomEvents({ ...input, trigger });
}

/**
 * Churn movements (MRR fell to zero). A movement is dated by local day; it occurs at the start of that day
 * in the workspace time zone, so a churn known in advance (a last period ending next month) fires on its
 * day, not when it was computed. Key: `churn:<account>:<date>` (one movement per account and day).
 */
async function findChurns({
  db,
  workspaceId,
  since,
  now,
  timezone,
}: TInput<unknown>): Promise<TTriggerMatch[]> {
  const { rows } = await sql<{ account_id: string; date: string; occurred_at: Date; mrr: string }>`
    select m.account_id, m.date, m.occurred_at, round(m.mrr_before, 2)::text as mrr
    from (
      select account_id, date, mrr_before, (date::timestamp at time zone ${timezone}::text) as occurred_at
      from mrr_movements
      where workspace_id = ${workspaceId} and type = 'churn'
        and date between (${since}::timestamptz at time zone ${timezone}::text)::date
          and (${now}::timestamptz at time zone ${timezone}::text)::date
    ) m
    join accounts a on a.workspace_id = ${workspaceId} and a.id = m.account_id
    where m.occurred_at > ${since} and m.occurred_at <= ${now}
    order by m.occurred_at, m.account_id`.execute(db);
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: `churn:${row.account_id}:${row.date}`,
    occurredAt: row.occurred_at,
    context: { mrr: row.mrr, date: row.date },
  }));
}

/** Subscriptions cancelled in the window, optionally for given reasons. Key: `cancelled:<subscription>:<cancelled_at>`. */
async function findCancellations({
  db,
  workspaceId,
  trigger,
  since,
  now,
}: TInput<Extract<TTrigger, { kind: 'cancelled' }>>): Promise<TTriggerMatch[]> {
  let query = db
    .selectFrom('subscriptions as s')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 's.workspace_id').onRef('a.id', '=', 's.account_id'),
    )
    .select(['s.id', 's.account_id', 's.cancelled_at', 's.cancellation_reason', 's.cancellation_comment'])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.cancelled_at', '>', since)
    .where('s.cancelled_at', '<=', now);
  if (trigger.reasons !== undefined)
    query = query.where('s.cancellation_reason', 'in', trigger.reasons.length ? trigger.reasons : [null]);
  const rows = await query.orderBy('s.cancelled_at').orderBy('s.id').execute();
  return rows.map((row) => {
    const cancelledAt = row.cancelled_at as Date;
    return {
      accountId: row.account_id,
      occurrenceKey: `cancelled:${row.id}:${cancelledAt.toISOString()}`,
      occurredAt: cancelledAt,
      context: {
        subscription_id: row.id,
        reason: row.cancellation_reason,
        comment: row.cancellation_comment,
      },
    };
  });
}

/** Events of that name in the window; the context is the event's properties. Key: the event id. */
async function findCustomEvents({
  db,
  workspaceId,
  trigger,
  since,
  now,
}: TInput<Extract<TTrigger, { kind: 'custom_event' }>>): Promise<TTriggerMatch[]> {
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'e.workspace_id').onRef('a.id', '=', 'e.account_id'),
    )
    .select(['e.id', 'e.account_id', 'e.occurred_at', 'e.properties'])
    .where('e.workspace_id', '=', workspaceId)
    .where('e.name', '=', trigger.event)
    .where('e.occurred_at', '>', since)
    .where('e.occurred_at', '<=', now)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: row.id,
    occurredAt: row.occurred_at,
    context: row.properties ?? {},
  }));
}
