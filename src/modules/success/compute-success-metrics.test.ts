import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TDb, TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { computeRevenueMetrics } from '../revenue/compute-revenue-metrics.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { insertFxRate, insertInvoice, monthlyPeriods } from '../revenue/test-factories.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { computeSuccessMetrics } from './compute-success-metrics.ts';
import {
  insertBill,
  insertContacts,
  insertCosts,
  insertEmailEvents,
  insertResponses,
  insertSegment,
  insertTickets,
} from './test-factories.ts';

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

async function monthly(
  db: TDb,
  workspaceId: string,
  accountId: string,
  start: string,
  n: number,
  amount: string,
) {
  for (const p of monthlyPeriods(start, n)) {
    await insertInvoice(db, { workspaceId, accountId, lines: [{ ...p, amount }] });
  }
}

describe(`computeSuccessMetrics (${engineName})`, () => {
  let store: TStore;
  const march = (workspaceId: string, extra: { accountIds?: string[]; segmentId?: string } = {}) =>
    computeSuccessMetrics({ db: store.db, workspaceId, from: '2024-03', to: '2024-03', ...extra }).then(
      (r) => r.periods[0]!,
    );

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;

    // Surveys. In March 100 voices: 50 promoters, 30 passives, 20 detractors. Contact "twice" first
    // answered 2 then 10: only the latest counts. Two responses without a contact count on their own.
    await createTestWorkspace(store, 'surveys');
    const promoters = range('p', 49);
    const passives = range('s', 30);
    const detractors = range('d', 18);
    await insertContacts(db, 'surveys', 'A', [...promoters, ...passives, ...detractors, 'twice']);
    await insertResponses(db, 'surveys', 'A', [
      ...promoters.map((contactId, i) => ({ contactId, score: i % 2 ? 9 : 10, at: '2024-03-10' })),
      ...passives.map((contactId, i) => ({ contactId, score: i % 2 ? 7 : 8, at: '2024-03-11' })),
      ...detractors.map((contactId, i) => ({ contactId, score: i % 7, at: '2024-03-12' })),
      { score: 3, at: '2024-03-13' },
      { score: 6, at: '2024-03-14' },
      { contactId: 'twice', score: 2, at: '2024-03-02' },
      { contactId: 'twice', score: 10, at: '2024-03-20' },
      // February: the same contact, one detractor; April: no effect on March.
      { contactId: 'twice', score: 1, at: '2024-02-20' },
      { contactId: 'p1', score: 0, at: '2024-04-01T00:00:00Z' },
      // CSAT: 30 of 50 answers at 4–5 in March, each response counting (two from one contact).
      ...Array.from({ length: 15 }, () => ({ survey: 'csat', contactId: 'p1', score: 5, at: '2024-03-05' })),
      ...Array.from({ length: 15 }, () => ({ survey: 'csat', score: 4, at: '2024-03-06' })),
      ...Array.from({ length: 20 }, (_, i) => ({ survey: 'csat', score: 1 + (i % 3), at: '2024-03-07' })),
    ]);

    // Support: 10 tickets opened in March, 7 resolved in the first contact.
    await createTestWorkspace(store, 'support');
    await insertTickets(db, 'support', 'A', [
      ...range('fcr', 5).map((id) => ({
        id,
        openedAt: '2024-03-03',
        resolvedAt: '2024-03-04',
        agentReplies: 1,
      })),
      { openedAt: '2024-03-05', status: 'closed', agentReplies: 1 }, // solved, time unknown: counts
      { openedAt: '2024-03-06', agentReplies: 1, isComplaint: true }, // still open: not resolved
      { openedAt: '2024-03-07', resolvedAt: '2024-03-09', agentReplies: 3, satisfaction: 5 },
      { openedAt: '2024-03-31T23:00:00Z', resolvedAt: '2024-04-02', agentReplies: 1, satisfaction: 2 },
      // Complaints: resolved during March (open at February's end only), resolved in April, and B's,
      // open since January.
      { openedAt: '2024-02-10', resolvedAt: '2024-03-05', isComplaint: true, satisfaction: 4 },
      { openedAt: '2024-03-15', resolvedAt: '2024-04-10', isComplaint: true },
    ]);
    await insertTickets(db, 'support', 'B', [{ openedAt: '2024-01-05', isComplaint: true }]);

    // Email: five messages delivered in March, two opened (one twice, one only in April), one clicked
    // without an open event. A February message opened in March belongs to February.
    await createTestWorkspace(store, 'email');
    await insertContacts(db, 'email', 'A', ['c1', 'c2']);
    await insertEmailEvents(db, 'email', [
      ...range('m', 5).map((messageId, i) => ({
        contactId: i % 2 ? 'c2' : 'c1',
        messageId,
        type: 'delivered' as const,
        at: '2024-03-04',
      })),
      { contactId: 'c1', messageId: 'm1', type: 'opened', at: '2024-03-04T13:00:00Z' },
      { contactId: 'c1', messageId: 'm1', type: 'opened', at: '2024-03-05' },
      { contactId: 'c2', messageId: 'm2', type: 'opened', at: '2024-04-02' },
      { contactId: 'c1', messageId: 'm3', type: 'clicked', at: '2024-03-06' },
      { contactId: 'c1', messageId: 'm0', type: 'delivered', at: '2024-02-27' },
      { contactId: 'c1', messageId: 'm0', type: 'opened', at: '2024-03-01' },
    ]);

    // Retention cost: A pays 100/month from January, B 300/month from March, so March starts with 1
    // customer and ends with 2 (average 1.5) at MRR 400 (ARPA 200).
    await createTestWorkspace(store, 'crc');
    await monthly(db, 'crc', 'A', '2024-01-01', 4, '100');
    await monthly(db, 'crc', 'B', '2024-03-01', 2, '300');
    await recomputeMovements({ db, workspaceId: 'crc' });
    // 52,000 colones over March at the rate of March 1st (0.002 USD) = $104; the later rate is not used.
    await insertFxRate(db, 'crc', 'CRC', '2024-03-01', '0.002');
    await insertFxRate(db, 'crc', 'CRC', '2024-03-15', '0.0025');
    await insertCosts(db, 'crc', [
      // 29 days (Feb 15 – Mar 14), $10 a day: 15 in February, 14 in March.
      { start: '2024-02-15', end: '2024-03-15', amount: '290' },
      { start: '2024-03-01', end: '2024-04-01', amount: '52000', currency: 'CRC' },
      { start: '2024-03-01', end: '2024-04-01', amount: '5000', kind: 'acquisition' },
    ]);

    // Payments.
    await createTestWorkspace(store, 'billing');
    const bill = (b: Parameters<typeof insertBill>[2]) => insertBill(db, 'billing', b);
    await bill({
      id: 'late',
      accountId: 'A',
      status: 'paid',
      issuedAt: '2024-02-25',
      dueAt: '2024-03-05',
      paidAt: '2024-03-07',
      attempts: [
        { at: '2024-03-01', outcome: 'failed' },
        { at: '2024-03-03', outcome: 'failed' },
        { at: '2024-03-07', outcome: 'succeeded' },
      ],
    });
    // Paid during its due day: on time.
    await bill({
      id: 'on-time',
      accountId: 'A',
      status: 'paid',
      issuedAt: '2024-03-01',
      dueAt: '2024-03-10',
      paidAt: '2024-03-10T15:00:00Z',
    });
    await bill({
      id: 'open',
      accountId: 'A',
      status: 'open',
      issuedAt: '2024-02-01',
      dueAt: '2024-02-20',
      attempts: [{ at: '2024-03-02', outcome: 'failed' }],
    });
    await bill({
      id: 'paid-april',
      accountId: 'A',
      status: 'paid',
      issuedAt: '2024-03-15',
      dueAt: '2024-03-25',
      paidAt: '2024-04-03',
    });
    await bill({
      id: 'due-last-day',
      accountId: 'A',
      status: 'open',
      issuedAt: '2024-03-01',
      dueAt: '2024-03-31',
    });
    await bill({ id: 'void', accountId: 'A', status: 'void', issuedAt: '2024-01-01', dueAt: '2024-02-01' });

    // Two accounts side by side for the filters: A a promoter with a first-contact ticket and an opened
    // email, B a detractor with a slow ticket, an unopened email and a failed payment. Both pay from
    // January (A 100, B 300); $400 of retention costs in March.
    await createTestWorkspace(store, 'pair');
    await insertContacts(db, 'pair', 'A', ['a1']);
    await insertContacts(db, 'pair', 'B', ['b1']);
    await insertResponses(db, 'pair', 'A', [{ contactId: 'a1', score: 10, at: '2024-03-10' }]);
    await insertResponses(db, 'pair', 'B', [{ contactId: 'b1', score: 0, at: '2024-03-10' }]);
    await insertTickets(db, 'pair', 'A', [
      { openedAt: '2024-03-02', resolvedAt: '2024-03-02', agentReplies: 1 },
    ]);
    await insertTickets(db, 'pair', 'B', [
      { openedAt: '2024-03-02', resolvedAt: '2024-03-09', agentReplies: 4 },
    ]);
    await insertEmailEvents(db, 'pair', [
      { contactId: 'a1', messageId: 'x1', type: 'delivered', at: '2024-03-04' },
      { contactId: 'a1', messageId: 'x1', type: 'opened', at: '2024-03-04T18:00:00Z' },
      { contactId: 'b1', messageId: 'x2', type: 'delivered', at: '2024-03-04' },
    ]);
    await monthly(db, 'pair', 'A', '2024-01-01', 3, '100');
    await monthly(db, 'pair', 'B', '2024-01-01', 3, '300');
    await recomputeMovements({ db, workspaceId: 'pair' });
    await insertCosts(db, 'pair', [{ start: '2024-03-01', end: '2024-04-01', amount: '400' }]);
    await insertBill(db, 'pair', {
      id: 'b-inv',
      accountId: 'B',
      status: 'open',
      issuedAt: '2024-03-01',
      attempts: [{ at: '2024-03-05', outcome: 'failed' }],
    });
    await insertSegment(db, 'pair', 'detractors', ['B']);

    // Costa Rica (UTC−6): an answer at 03:00 UTC on April 1st is March 31st there.
    await ensureWorkspace({ db, workspaceId: 'tico', timezone: 'America/Costa_Rica' });
    await insertResponses(db, 'tico', 'A', [
      { score: 10, at: '2024-04-01T03:00:00Z' },
      { score: 0, at: '2024-03-01T03:00:00Z' },
    ]);
  });
  afterAll(() => store.close());

  it('computes NPS 30 from 50 promoters, 30 passives and 20 detractors, latest answer per contact', async () => {
    const m = await march('surveys');
    expect(m).toMatchObject({ nps: 30, nps_responses: 100, promoters: 50, passives: 30, detractors: 20 });
    const feb = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'surveys',
      from: '2024-02',
      to: '2024-02',
    });
    expect(feb.periods[0]).toMatchObject({ nps: -100, nps_responses: 1, detractors: 1 });
  });

  it('computes CSAT 0.6 from 30 of 50 answers at 4 or 5', async () => {
    expect(await march('surveys')).toMatchObject({ csat: 0.6, csat_responses: 50, csat_satisfied: 30 });
  });

  it('computes first-contact resolution 0.7 from 7 of 10 tickets opened in March', async () => {
    const m = await march('support');
    expect(m).toMatchObject({
      tickets_opened: 10,
      tickets_resolved_first_contact: 7,
      first_contact_resolution_rate: 0.7,
    });
    // Ticket ratings by resolution month: March has the 5 (resolved Mar 9) and the 4 (resolved Mar 5).
    expect(m).toMatchObject({ ticket_csat: 1, ticket_csat_responses: 2 });
  });

  it('counts complaints unresolved at the end of each period, and their accounts', async () => {
    const result = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'support',
      from: '2024-01',
      to: '2024-04',
    });
    const counts = result.periods.map((p) => [
      p.period,
      p.unresolved_complaints,
      p.unresolved_complaint_accounts,
    ]);
    expect(counts).toEqual([
      ['2024-01', 1, 1],
      ['2024-02', 2, 2],
      ['2024-03', 3, 2],
      ['2024-04', 2, 2],
    ]);
  });

  it('computes the email open rate over distinct messages delivered in the period', async () => {
    const result = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'email',
      from: '2024-02',
      to: '2024-03',
    });
    expect(result.periods.map((p) => [p.emails_delivered, p.emails_opened, p.email_open_rate])).toEqual([
      [1, 1, 1],
      [5, 2, 0.4],
    ]);
  });

  it('computes CRC from costs pro-rated by days and converted at the start-day rate, beside ARPA', async () => {
    const result = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'crc',
      from: '2024-02',
      to: '2024-03',
    });
    const [feb, mar] = result.periods;
    expect(feb).toMatchObject({
      retention_cost: 150,
      customers_start: 1,
      customers_end: 1,
      average_customers: 1,
      crc: 150,
      arpa: 100,
      crc_exceeds_arpa: true,
    });
    // March: 140 + 104 = 244 over 1.5 customers.
    expect(mar).toMatchObject({
      retention_cost: 244,
      customers_start: 1,
      customers_end: 2,
      average_customers: 1.5,
      crc: 162.67,
      arpa: 200,
      mrr_end: 400,
      crc_exceeds_arpa: false,
    });
    expect(result).toMatchObject({ currency: 'USD', accounts: null });
    expect(result.note).toBeUndefined();
  });

  it('counts customers and ARPA exactly as the revenue report does', async () => {
    const args = {
      db: store.db,
      workspaceId: 'crc',
      from: '2024-01',
      to: '2024-05',
      interval: 'month' as const,
    };
    const success = await computeSuccessMetrics(args);
    const revenue = await computeRevenueMetrics(args);
    const pick = (p: { customers_start: number; customers_end: number; arpa: number | null }) => [
      p.customers_start,
      p.customers_end,
      p.arpa,
    ];
    expect(success.periods.map(pick)).toEqual(revenue.periods.map(pick));
  });

  it('counts failed attempts, late payments and overdue invoices', async () => {
    const result = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'billing',
      from: '2024-02',
      to: '2024-04',
    });
    const rows = result.periods.map((p) => [
      p.period,
      p.failed_payment_attempts,
      p.failed_payment_invoices,
      p.late_invoices,
      p.overdue_open_invoices,
    ]);
    expect(rows).toEqual([
      ['2024-02', 0, 0, 0, 1],
      ['2024-03', 3, 2, 1, 3],
      ['2024-04', 0, 0, 1, 2],
    ]);
  });

  it('filters every figure to the given accounts, costs by their share of customers', async () => {
    const all = await march('pair');
    expect(all).toMatchObject({ nps: 0, first_contact_resolution_rate: 0.5, email_open_rate: 0.5, crc: 200 });
    const a = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'pair',
      from: '2024-03',
      to: '2024-03',
      accountIds: ['A'],
    });
    expect(a.accounts).toBe(1);
    expect(a.note).toMatch(/share/);
    expect(a.periods[0]).toMatchObject({
      nps: 100,
      nps_responses: 1,
      first_contact_resolution_rate: 1,
      email_open_rate: 1,
      failed_payment_attempts: 0,
      customers_end: 1,
      retention_cost: 200,
      crc: 200,
      arpa: 100,
      crc_exceeds_arpa: true,
    });
    const b = await march('pair', { accountIds: ['B'] });
    expect(b).toMatchObject({
      nps: -100,
      first_contact_resolution_rate: 0,
      email_open_rate: 0,
      failed_payment_attempts: 1,
      arpa: 300,
      crc_exceeds_arpa: false,
    });
  });

  it('filters to the members of a segment', async () => {
    expect(await march('pair', { segmentId: 'detractors' })).toMatchObject({ nps: -100, arpa: 300 });
    expect(await march('pair', { segmentId: 'detractors', accountIds: ['A'] })).toMatchObject({
      nps: null,
      nps_responses: 0,
      customers_end: 0,
      arpa: null,
    });
  });

  it('rejects an account that does not exist', async () => {
    await expect(march('pair', { accountIds: ['A', 'nobody'] })).rejects.toThrow(/nobody/);
    await expect(march('pair', { accountIds: ['nobody'] })).rejects.toBeInstanceOf(AppError);
  });

  it('reports a period without data as zero counts and null rates, never NaN', async () => {
    const m = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'pair',
      from: '2023-06',
      to: '2023-06',
    });
    expect(m.periods).toEqual([
      {
        period: '2023-06',
        start: '2023-06-01',
        end: '2023-06-30',
        nps: null,
        nps_responses: 0,
        promoters: 0,
        passives: 0,
        detractors: 0,
        csat: null,
        csat_responses: 0,
        tickets_opened: 0,
        first_contact_resolution_rate: null,
        retention_cost: 0,
        crc: null,
        arpa: null,
        email_open_rate: null,
        csat_satisfied: 0,
        ticket_csat: null,
        ticket_csat_responses: 0,
        tickets_resolved_first_contact: 0,
        customers_start: 0,
        customers_end: 0,
        average_customers: 0,
        mrr_end: 0,
        crc_exceeds_arpa: null,
        emails_delivered: 0,
        emails_opened: 0,
        unresolved_complaints: 0,
        unresolved_complaint_accounts: 0,
        failed_payment_attempts: 0,
        failed_payment_invoices: 0,
        late_invoices: 0,
        overdue_open_invoices: 0,
      },
    ]);
  });

  it('dates responses by the day in the workspace time zone, over any interval', async () => {
    const result = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'tico',
      from: '2024-02-01',
      to: '2024-03-31',
      interval: 'month',
    });
    expect(result.periods.map((p) => [p.period, p.nps])).toEqual([
      ['2024-02', -100],
      ['2024-03', 100],
    ]);
    const quarter = await computeSuccessMetrics({
      db: store.db,
      workspaceId: 'surveys',
      from: '2024-01',
      to: '2024-03',
      interval: 'quarter',
    });
    // Over the quarter "twice" counts once (its latest, 10): 100 voices, as in March alone.
    expect(quarter.periods).toHaveLength(1);
    expect(quarter.periods[0]).toMatchObject({ period: '2024-Q1', nps: 30, nps_responses: 100 });
  });

  it('rejects a range that ends before it starts', async () => {
    await expect(
      computeSuccessMetrics({ db: store.db, workspaceId: 'pair', from: '2024-03', to: '2024-02' }),
    ).rejects.toThrow(/before/);
  });
});
