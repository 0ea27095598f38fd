import type { TDb } from '../../db/connect.ts';
import type { LifecycleEventsTable } from '../../db/schema.ts';
import { insertAccount } from '../revenue/test-factories.ts';

/** Test rows for trigger tests, written straight to the tables with explicit timestamps. */
let sequence = 0;

export { insertAccount };

export async function insertLifecycleEvent(
  db: TDb,
  workspaceId: string,
  row: {
    accountId: string;
    type: LifecycleEventsTable['type'];
    at: string;
    from?: string | null;
    to?: string | null;
    segmentId?: string;
  },
): Promise<string> {
  await insertAccount(db, workspaceId, row.accountId);
  const inserted = await db
    .insertInto('lifecycle_events')
    .values({
      workspace_id: workspaceId,
      account_id: row.accountId,
      type: row.type,
      segment_id: row.segmentId ?? null,
      from_value: row.from ?? null,
      to_value: row.to ?? null,
      occurred_at: new Date(row.at),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return `lifecycle_event:${inserted.id}`;
}

export async function insertSurveyResponse(
  db: TDb,
  workspaceId: string,
  row: { id: string; accountId: string; survey: string; score: number; at: string; comment?: string },
): Promise<void> {
  await insertAccount(db, workspaceId, row.accountId);
  await db
    .insertInto('survey_responses')
    .values({
      workspace_id: workspaceId,
      id: row.id,
      account_id: row.accountId,
      survey: row.survey,
      score: row.score,
      comment: row.comment ?? null,
      responded_at: row.at,
    })
    .execute();
}

/** An open invoice of the account (no lines) for payments to refer to. */
export async function insertOpenInvoice(db: TDb, workspaceId: string, accountId: string, id: string) {
  await insertAccount(db, workspaceId, accountId);
  await db
    .insertInto('invoices')
    .values({
      workspace_id: workspaceId,
      id,
      account_id: accountId,
      issued_at: '2024-06-01T00:00:00Z',
      currency: 'USD',
      status: 'open',
    })
    .execute();
}

export async function insertPayment(
  db: TDb,
  workspaceId: string,
  row: { id: string; invoiceId: string; at: string; outcome: 'succeeded' | 'failed'; failureCode?: string },
): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      workspace_id: workspaceId,
      id: row.id,
      invoice_id: row.invoiceId,
      attempted_at: row.at,
      amount: '49.00',
      currency: 'USD',
      outcome: row.outcome,
      failure_code: row.failureCode ?? null,
    })
    .execute();
}

export async function insertEvent(
  db: TDb,
  workspaceId: string,
  row: { id?: string; accountId: string; name: string; at: string; properties?: Record<string, unknown> },
): Promise<string> {
  await insertAccount(db, workspaceId, row.accountId);
  const id = row.id ?? `ev-${++sequence}`;
  await db
    .insertInto('events')
    .values({
      workspace_id: workspaceId,
      id,
      account_id: row.accountId,
      name: row.name,
      occurred_at: row.at,
      quantity: 1,
      properties: row.properties ? JSON.stringify(row.properties) : null,
    })
    .execute();
  return id;
}

export async function insertSubscription(
  db: TDb,
  workspaceId: string,
  row: {
    id: string;
    accountId: string;
    status?: 'active' | 'past_due' | 'cancelled' | 'trialing';
    cancelledAt?: string;
    reason?: string;
  },
): Promise<void> {
  await insertAccount(db, workspaceId, row.accountId);
  await db
    .insertInto('subscriptions')
    .values({
      workspace_id: workspaceId,
      id: row.id,
      account_id: row.accountId,
      status: row.status ?? (row.cancelledAt ? 'cancelled' : 'active'),
      cancelled_at: row.cancelledAt ?? null,
      cancellation_reason: row.reason ?? null,
    })
    .execute();
}

/** `events` occurrences of `name` on each of `days` (daily rollups, as the usage module keeps them). */
export async function insertUsageDays(
  db: TDb,
  workspaceId: string,
  accountId: string,
  { name, days, events }: { name: string; days: string[]; events: number },
): Promise<void> {
  await insertAccount(db, workspaceId, accountId);
  await db
    .insertInto('usage_daily')
    .values(
      days.map((day) => ({
        workspace_id: workspaceId,
        account_id: accountId,
        day,
        name,
        events,
        quantity: String(events),
      })),
    )
    .execute();
}
