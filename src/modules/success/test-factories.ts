import type { TDb } from '../../db/connect.ts';
import type { InvoiceStatus } from '../../db/schema.ts';
import { insertAccount } from '../revenue/test-factories.ts';

/** Test rows for the customer success metrics, written straight to the tables (no importer involved). */
let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

/** Inserts contacts (and their account when missing). */
export async function insertContacts(db: TDb, workspaceId: string, accountId: string, ids: string[]) {
  await insertAccount(db, workspaceId, accountId);
  if (ids.length === 0) return;
  await db
    .insertInto('contacts')
    .values(
      ids.map((id) => ({ workspace_id: workspaceId, id, account_id: accountId, email: `${id}@example.com` })),
    )
    .execute();
}

export type TResponseInput = { contactId?: string; score: number; at: string; survey?: string };

/** Survey answers of one account, `at` an ISO timestamp or a day (taken as noon UTC). */
export async function insertResponses(
  db: TDb,
  workspaceId: string,
  accountId: string,
  responses: TResponseInput[],
) {
  await insertAccount(db, workspaceId, accountId);
  await db
    .insertInto('survey_responses')
    .values(
      responses.map((r) => ({
        workspace_id: workspaceId,
        id: nextId('resp'),
        account_id: accountId,
        contact_id: r.contactId ?? null,
        survey: r.survey ?? 'nps',
        score: r.score,
        responded_at: instant(r.at),
      })),
    )
    .execute();
}

export type TTicketInput = {
  id?: string;
  openedAt: string;
  resolvedAt?: string;
  status?: 'open' | 'pending' | 'solved' | 'closed';
  agentReplies?: number;
  isComplaint?: boolean;
  satisfaction?: number;
};

export async function insertTickets(
  db: TDb,
  workspaceId: string,
  accountId: string,
  tickets: TTicketInput[],
) {
  await insertAccount(db, workspaceId, accountId);
  await db
    .insertInto('tickets')
    .values(
      tickets.map((t) => ({
        workspace_id: workspaceId,
        id: t.id ?? nextId('tkt'),
        account_id: accountId,
        opened_at: instant(t.openedAt),
        resolved_at: t.resolvedAt ? instant(t.resolvedAt) : null,
        status: t.status ?? (t.resolvedAt ? 'solved' : 'open'),
        agent_replies: t.agentReplies ?? null,
        is_complaint: t.isComplaint ?? false,
        satisfaction: t.satisfaction ?? null,
      })),
    )
    .execute();
}

export type TEmailEventInput = {
  contactId: string;
  messageId: string;
  type: 'delivered' | 'opened' | 'clicked' | 'bounced' | 'unsubscribed';
  at: string;
};

export async function insertEmailEvents(db: TDb, workspaceId: string, events: TEmailEventInput[]) {
  await db
    .insertInto('email_events')
    .values(
      events.map((e) => ({
        workspace_id: workspaceId,
        id: nextId('email'),
        contact_id: e.contactId,
        message_id: e.messageId,
        type: e.type,
        occurred_at: instant(e.at),
      })),
    )
    .execute();
}

export type TCostInput = {
  /** Instants (ISO with offset) or days (midnight UTC). */
  start: string;
  end: string;
  amount: string;
  currency?: string;
  kind?: 'retention' | 'acquisition';
};

export async function insertCosts(db: TDb, workspaceId: string, costs: TCostInput[]) {
  await db
    .insertInto('costs')
    .values(
      costs.map((c) => ({
        workspace_id: workspaceId,
        id: nextId('cost'),
        period_start: midnight(c.start),
        period_end: midnight(c.end),
        amount: c.amount,
        currency: c.currency ?? 'USD',
        kind: c.kind ?? 'retention',
      })),
    )
    .execute();
}

export type TBillInput = {
  id: string;
  accountId: string;
  status: InvoiceStatus;
  issuedAt: string;
  dueAt?: string;
  paidAt?: string;
  /** Payment attempts on this invoice: `at` and outcome. */
  attempts?: { at: string; outcome: 'succeeded' | 'failed' | 'refunded' }[];
};

/** An invoice without lines (billing state only), with its payment attempts. */
export async function insertBill(db: TDb, workspaceId: string, bill: TBillInput) {
  await insertAccount(db, workspaceId, bill.accountId);
  await db
    .insertInto('invoices')
    .values({
      workspace_id: workspaceId,
      id: bill.id,
      account_id: bill.accountId,
      issued_at: instant(bill.issuedAt),
      currency: 'USD',
      status: bill.status,
      due_at: bill.dueAt ? midnight(bill.dueAt) : null,
      paid_at: bill.paidAt ? instant(bill.paidAt) : null,
    })
    .execute();
  for (const attempt of bill.attempts ?? []) {
    await db
      .insertInto('payments')
      .values({
        workspace_id: workspaceId,
        id: nextId('pay'),
        invoice_id: bill.id,
        attempted_at: instant(attempt.at),
        amount: '10',
        currency: 'USD',
        outcome: attempt.outcome,
      })
      .execute();
  }
}

/** A segment with these members, as the segments module would store it. */
export async function insertSegment(db: TDb, workspaceId: string, segmentId: string, accountIds: string[]) {
  await db
    .insertInto('segments')
    .values({ workspace_id: workspaceId, id: segmentId, name: segmentId, filter: 'true' })
    .execute();
  await db
    .insertInto('segment_memberships')
    .values(
      accountIds.map((account_id) => ({ workspace_id: workspaceId, segment_id: segmentId, account_id })),
    )
    .execute();
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const instant = (value: string) => (isDay(value) ? `${value}T12:00:00Z` : value);
const midnight = (value: string) => (isDay(value) ? `${value}T00:00:00Z` : value);
