import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { findMeasureValues } from './find-measure-values.ts';
import { MEASURE_CATALOG } from './measure-catalog.ts';

/**
 * One account per signal, in a workspace on New York time: `at` = 2024-06-30 ends at 2024-07-01T04:00Z
 * (EDT), so 03:00Z on July 1 is still June 30 and 05:00Z is not. 90 days = April 2 … June 30 local.
 */
const W = 'acme-co';
let store: TStore;

const utc = (day: string, time = '12:00:00') => new Date(`${day}T${time}Z`);

async function seed(store: TStore) {
  const db = store.db;
  await createTestWorkspace(store, W);
  await db
    .updateTable('workspaces')
    .set({ timezone: 'America/New_York' })
    .where('workspace_id', '=', W)
    .execute();
  const accounts = ['sup', 'srv', 'bil', 'rev', 'new', 'eng', 'rel', 'use', 'none', 'late'];
  await db
    .insertInto('accounts')
    .values(
      accounts.map((id) => ({
        workspace_id: W,
        id,
        name: id,
        created_at: id === 'late' ? utc('2024-07-01', '05:00:00') : id === 'none' ? null : utc('2023-01-01'),
        attributes: id === 'rel' ? JSON.stringify({ seats: 12, goal: '7.5', tier: 'gold' }) : '{}',
      })),
    )
    .execute();
  const contacts = ['srv1', 'srv2', 'srv3', 'eng1', 'eng2', 'use1'];
  await db
    .insertInto('contacts')
    .values(
      contacts.map((id) => ({ workspace_id: W, id, account_id: id.slice(0, 3), email: `${id}@x.example` })),
    )
    .execute();

  const ticket = (
    id: string,
    opened: Date,
    resolved: Date | null,
    status: 'open' | 'closed',
    extra = {},
  ) => ({
    workspace_id: W,
    id,
    account_id: 'sup',
    opened_at: opened,
    resolved_at: resolved,
    status,
    ...extra,
  });
  await db
    .insertInto('tickets')
    .values([
      // resolved 23:30 local on June 30: resolved at `at`, its satisfaction counts
      ticket('t1', utc('2024-05-01'), utc('2024-07-01', '03:30:00'), 'closed', { satisfaction: 4 }),
      // resolved after `at`: still open then, an unresolved complaint, satisfaction not known yet
      ticket('t2', utc('2024-06-10'), utc('2024-07-02'), 'closed', { is_complaint: true, satisfaction: 1 }),
      ticket('t3', utc('2024-07-01', '03:00:00'), null, 'open'),
      ticket('t4', utc('2024-07-01', '05:00:00'), null, 'open'),
      ticket('t5', utc('2024-01-10'), utc('2024-01-12'), 'closed', { satisfaction: 2 }),
    ])
    .execute();

  const answer = (id: string, contact: string, survey: string, score: number, day: string) => ({
    workspace_id: W,
    id,
    account_id: 'srv',
    contact_id: contact,
    survey,
    score: String(score),
    responded_at: utc(day),
  });
  await db
    .insertInto('survey_responses')
    .values([
      answer('n1', 'srv1', 'nps', 3, '2024-03-01'),
      answer('n2', 'srv1', 'nps', 9, '2024-06-01'),
      answer('n3', 'srv2', 'nps', 6, '2024-05-01'),
      answer('n4', 'srv3', 'nps', 0, '2023-05-01'),
      answer('n5', 'srv1', 'nps', 0, '2024-07-02'),
      answer('c1', 'srv1', 'csat', 5, '2024-06-01'),
      answer('c2', 'srv2', 'csat', 4, '2024-06-15'),
      answer('c3', 'srv1', 'csat', 2, '2024-05-20'),
      answer('c4', 'srv1', 'csat', 1, '2024-03-01'),
    ])
    .execute();

  const invoice = (
    id: string,
    issued: string,
    due: string,
    status: 'open' | 'paid' | 'void',
    paid: string | null,
    account = 'bil',
  ) => ({
    workspace_id: W,
    id,
    account_id: account,
    issued_at: utc(issued),
    currency: 'USD',
    status,
    due_at: utc(due),
    paid_at: paid ? utc(paid) : null,
  });
  await db
    .insertInto('invoices')
    .values([
      invoice('i1', '2024-03-01', '2024-03-01', 'paid', '2024-03-01'),
      invoice('i2', '2024-04-01', '2024-04-01', 'paid', '2024-04-10'),
      invoice('i3', '2024-05-01', '2024-05-15', 'paid', '2024-07-05'),
      invoice('i4', '2024-06-01', '2024-06-20', 'open', null),
      invoice('i5', '2024-06-30', '2024-07-30', 'open', null),
      invoice('i6', '2024-07-03', '2024-07-03', 'open', null),
      invoice('i7', '2024-06-01', '2024-06-01', 'void', null),
      invoice('i8', '2024-06-05', '2024-06-05', 'paid', null),
      invoice('i9', '2024-06-01', '2024-06-01', 'paid', '2024-06-01', 'late'),
    ])
    .execute();
  const payment = (id: string, invoiceId: string, day: string, outcome: 'failed' | 'succeeded') => ({
    workspace_id: W,
    id,
    invoice_id: invoiceId,
    attempted_at: utc(day),
    amount: '10',
    currency: 'USD',
    outcome,
  });
  await db
    .insertInto('payments')
    .values([
      payment('p1', 'i4', '2024-06-20', 'failed'),
      payment('p2', 'i4', '2024-06-23', 'failed'),
      payment('p3', 'i3', '2024-07-02', 'failed'),
      payment('p4', 'i2', '2024-04-01', 'failed'),
      payment('p5', 'i8', '2024-06-08', 'succeeded'),
    ])
    .execute();

  const movement = (account: string, date: string, type: string, before: number, after: number) => ({
    workspace_id: W,
    account_id: account,
    date,
    type: type as 'new',
    amount: String(Math.abs(after - before)),
    mrr_before: String(before),
    mrr_after: String(after),
  });
  await db
    .insertInto('mrr_movements')
    .values([
      movement('rev', '2024-01-01', 'new', 0, 100),
      movement('rev', '2024-03-01', 'expansion', 100, 150),
      movement('rev', '2024-05-15', 'contraction', 150, 120),
      movement('rev', '2024-07-10', 'churn', 120, 0),
      movement('new', '2024-06-01', 'new', 0, 80),
    ])
    .execute();

  const email = (
    id: string,
    contact: string,
    message: string,
    type: 'delivered' | 'opened',
    day: string,
  ) => ({
    workspace_id: W,
    id,
    contact_id: contact,
    message_id: message,
    type,
    occurred_at: utc(day),
  });
  await db
    .insertInto('email_events')
    .values([
      email('e1', 'eng1', 'm1', 'delivered', '2024-06-10'),
      email('e2', 'eng1', 'm1', 'opened', '2024-06-11'),
      email('e3', 'eng1', 'm1', 'opened', '2024-06-12'),
      email('e4', 'eng2', 'm2', 'delivered', '2024-06-12'),
      email('e5', 'eng1', 'm3', 'delivered', '2024-06-20'),
      email('e6', 'eng1', 'm3', 'opened', '2024-07-02'),
      email('e7', 'eng2', 'm4', 'delivered', '2024-03-01'),
      email('e8', 'eng2', 'm4', 'opened', '2024-06-01'),
    ])
    .execute();

  const usage = (account: string, day: string, name: string, quantity: number) => ({
    workspace_id: W,
    account_id: account,
    day,
    name,
    events: 1,
    quantity: String(quantity),
  });
  await db
    .insertInto('usage_daily')
    .values([
      usage('rel', '2024-06-29', 'referral_made', 1),
      usage('rel', '2024-01-15', 'referral_made', 2),
      usage('rel', '2024-07-01', 'referral_made', 5),
      usage('use', '2024-06-25', 'login', 10),
      usage('use', '2024-05-20', 'login', 5),
    ])
    .execute();
  await db
    .insertInto('usage_daily_users')
    .values({ workspace_id: W, account_id: 'use', day: '2024-06-25', contact_id: 'use1' })
    .execute();
}

beforeAll(async () => {
  store = await openTestStore();
  await seed(store);
});
afterAll(async () => store?.close());

describe(`findMeasureValues (${engineName})`, () => {
  const all = [
    ...Object.keys(MEASURE_CATALOG),
    'event_count:referral_made:30',
    'event_count:referral_made:365',
    'attribute:seats',
    'attribute:goal',
    'attribute:tier',
  ];
  const find = (metrics = all, accountIds?: string[]) =>
    findMeasureValues({ db: store.db, workspaceId: W, at: '2024-06-30', metrics, accountIds });

  it('covers the accounts that existed at the end of `at`', async () => {
    const values = await find();
    expect([...values.keys()].sort()).toEqual([
      'bil',
      'eng',
      'new',
      'none',
      'rel',
      'rev',
      'srv',
      'sup',
      'use',
    ]);
  });

  it('support: a ticket resolved after `at` is open then; local-day cut-off', async () => {
    const sup = (await find()).get('sup')!;
    expect(sup).toMatchObject({
      open_tickets: 2,
      tickets_90d: 3,
      unresolved_complaints: 1,
      ticket_satisfaction_90d: 4,
    });
    expect((await find()).get('rel')).toMatchObject({
      open_tickets: 0,
      tickets_90d: 0,
      ticket_satisfaction_90d: null,
    });
  });

  it("surveys: mean of contacts' latest NPS within 365 days; CSAT % of 4–5 in 90 days", async () => {
    expect((await find()).get('srv')).toMatchObject({ nps_latest: 7.5, csat_90d: 66.666667 });
    expect((await find()).get('sup')).toMatchObject({ nps_latest: null, csat_90d: null });
  });

  it('billing: failed payments, days overdue and late share as known at `at`', async () => {
    const bil = (await find()).get('bil')!;
    // i3 (due May 15, paid July 5) was unpaid: 46 days; i4 (due June 20, open): 10 days.
    // Due in the last 365 days: i1 on time, i2 late, i3 unpaid, i4 unpaid, i8 paid by payment 3 days late.
    expect(bil).toMatchObject({ failed_payments_90d: 2, days_overdue: 46, late_invoice_share_365d: 0.8 });
    expect((await find()).get('rev')).toMatchObject({
      failed_payments_90d: 0,
      days_overdue: null,
      late_invoice_share_365d: null,
    });
    expect((await find(all, ['late'])).size).toBe(0);
  });

  it('revenue: MRR at `at`, change and contraction vs 90 days earlier', async () => {
    const values = await find();
    expect(values.get('rev')).toMatchObject({ mrr: 120, mrr_change_90d: -0.2, contraction_90d: 0.2 });
    expect(values.get('new')).toMatchObject({ mrr: 80, mrr_change_90d: null, contraction_90d: 0 });
    expect(values.get('sup')).toMatchObject({ mrr: null, mrr_change_90d: null, contraction_90d: null });
  });

  it('engagement: distinct opened / delivered messages of the last 90 days, opens known by `at`', async () => {
    expect((await find()).get('eng')!.email_open_rate_90d).toBe(0.333333);
  });

  it('relationship events and numeric custom attributes', async () => {
    const rel = (await find()).get('rel')!;
    expect(rel).toMatchObject({
      'event_count:referral_made:30': 1,
      'event_count:referral_made:365': 3,
      'attribute:seats': 12,
      'attribute:goal': 7.5,
      'attribute:tier': null,
    });
    expect((await find()).get('sup')!['event_count:referral_made:30']).toBe(0);
  });

  it('usage from the usage summaries', async () => {
    const use = (await find()).get('use')!;
    expect(use).toMatchObject({ events_30d: 10, active_users_30d: 1, days_since_last_activity: 5 });
    expect(use.usage_trend_30d).toBe(1);
  });

  it('computes only the requested metrics, for the requested accounts', async () => {
    const values = await find(['nps_latest'], ['srv', 'sup']);
    expect(Object.fromEntries(values)).toEqual({ srv: { nps_latest: 7.5 }, sup: { nps_latest: null } });
  });

  it('rejects an unknown metric', async () => {
    await expect(find(['nope'])).rejects.toThrow(/unknown health metric "nope"/);
  });
});
