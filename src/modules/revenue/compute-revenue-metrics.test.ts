import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { computeRevenueMetrics } from './compute-revenue-metrics.ts';
import { getMrr } from './get-mrr.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { insertInvoice, insertRefund, monthlyPeriods } from './test-factories.ts';

describe(`computeRevenueMetrics (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    // The example of shared/spec/cli.md: ChartMogul's Gold yearly plan, then 2 Silver seats from March.
    await createTestWorkspace(store, 'cli');
    await insertInvoice(db, {
      workspaceId: 'cli',
      accountId: 'acme',
      lines: [{ subscriptionId: 'gold', start: '2024-01-01', end: '2025-01-01', amount: '2000' }],
    });
    for (const p of monthlyPeriods('2024-03-01', 2)) {
      await insertInvoice(db, {
        workspaceId: 'cli',
        accountId: 'acme',
        lines: [{ subscriptionId: 'silver', ...p, amount: '60' }],
      });
    }
    await recomputeMovements({ db, workspaceId: 'cli' });

    // Three accounts, computed by hand below. A: 100/month since March 2023, 150 from March 2024.
    // B: 200/month in January and February 2024, then gone. C: 50/month from 2024-03-10.
    await createTestWorkspace(store, 'three');
    const line = (accountId: string, start: string, count: number, amount: string) =>
      Promise.all(
        monthlyPeriods(start, count).map((p) =>
          insertInvoice(db, { workspaceId: 'three', accountId, lines: [{ ...p, amount }] }),
        ),
      );
    await line('A', '2023-03-01', 12, '100');
    await line('A', '2024-03-01', 4, '150');
    await line('B', '2024-01-01', 2, '200');
    await line('C', '2024-03-10', 4, '50');
    // A one-time $30 charge and a $10 refund in March count for ARPU only.
    const invoice = await insertInvoice(db, {
      workspaceId: 'three',
      accountId: 'A',
      issuedAt: '2024-03-20',
      lines: [{ type: 'one_time', amount: '30' }],
    });
    await insertRefund(db, { workspaceId: 'three', invoiceId: invoice, at: '2024-03-25', amount: '10' });
    await recomputeMovements({ db, workspaceId: 'three' });
  });
  afterAll(() => store.close());

  it('reproduces the example row of shared/spec/cli.md', async () => {
    const result = await computeRevenueMetrics({
      db: store.db,
      workspaceId: 'cli',
      from: '2024-03',
      to: '2024-03',
    });
    expect(result.currency).toBe('USD');
    expect(result.interval).toBe('month');
    expect(result.periods).toHaveLength(1);
    expect(result.periods[0]).toMatchObject({
      period: '2024-03',
      start: '2024-03-01',
      end: '2024-03-31',
      mrr_start: 166.67,
      mrr_end: 226.67,
      new: 0,
      expansion: 60,
      contraction: 0,
      churn: 0,
      reactivation: 0,
      customers_start: 1,
      customers_end: 1,
      new_customers: 0,
      churned_customers: 0,
      reactivated_customers: 0,
      customer_churn_rate: 0,
      gross_mrr_churn_rate: 0,
      net_mrr_churn_rate: -0.36,
      grr: 1,
      nrr: 1.36,
      quick_ratio: null,
      arpa: 226.67,
      arr_end: 2720,
    });
    expect(Object.keys(result.periods[0]!).slice(0, 23)).toEqual([
      'period',
      'start',
      'end',
      'mrr_start',
      'mrr_end',
      'new',
      'expansion',
      'contraction',
      'churn',
      'reactivation',
      'customers_start',
      'customers_end',
      'new_customers',
      'churned_customers',
      'reactivated_customers',
      'customer_churn_rate',
      'gross_mrr_churn_rate',
      'net_mrr_churn_rate',
      'grr',
      'nrr',
      'quick_ratio',
      'arpa',
      'arr_end',
    ]);
  });

  it('computes every rate of a month by hand on three accounts', async () => {
    const { periods, trailing_12_months } = await computeRevenueMetrics({
      db: store.db,
      workspaceId: 'three',
      from: '2024-01',
      to: '2024-04',
    });
    expect(periods.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    const [jan, feb, march, april] = periods;
    expect(jan).toMatchObject({
      mrr_start: 100,
      mrr_end: 300,
      new: 200,
      new_customers: 1,
      customers_start: 1,
      customers_end: 2,
      quick_ratio: null,
      grr: 1,
      nrr: 1,
    });
    // No churn at all over the trailing 12 months: LTV is undefined.
    expect(feb).toMatchObject({
      mrr_start: 300,
      mrr_end: 300,
      movements_count: 0,
      customer_churn_rate: 0,
      ltv: null,
      arpu: 150,
    });
    expect(march).toEqual({
      period: '2024-03',
      start: '2024-03-01',
      end: '2024-03-31',
      mrr_start: 300,
      mrr_end: 200,
      new: 50,
      expansion: 50,
      contraction: 0,
      churn: 200,
      reactivation: 0,
      customers_start: 2,
      customers_end: 2,
      new_customers: 1,
      churned_customers: 1,
      reactivated_customers: 0,
      customer_churn_rate: 0.5,
      gross_mrr_churn_rate: 0.666667, // 200 / 300
      net_mrr_churn_rate: 0.5, // (200 − 50) / 300
      grr: 0.333333, // A keeps min(150, 100), B 0: 100 / 300; C is new and does not count
      nrr: 0.5, // (150 + 0) / 300
      quick_ratio: 0.5, // (50 + 50) / 200
      arpa: 100,
      arr_end: 2400,
      expansion_count: 1,
      contraction_count: 0,
      movements_count: 3,
      // 150 (A) + 50 × 22/31 (C from the 10th) + 30 one-time − 10 refunded, over (2 + 2) / 2 customers.
      arpu: 102.74,
      // Monthly churn rates April 2023 … March 2024: eleven 0 and 1/2 in March; 100 / (0.5 / 12).
      ltv: 2400,
    });
    // The trailing 12 months end with the last period: over May 2023 … April 2024 only A was a customer at
    // start (B and C are new): 100 → 150.
    expect(trailing_12_months).toEqual({
      start: '2023-05-01',
      end: '2024-04-30',
      mrr_start: 100,
      grr: 1,
      nrr: 1.5,
    });
    expect(april).toMatchObject({ mrr_start: 200, mrr_end: 200, movements_count: 0, customers_end: 2 });
  });

  it('gives GRR and NRR over the 12 months ending with the last period', async () => {
    const { trailing_12_months } = await computeRevenueMetrics({
      db: store.db,
      workspaceId: 'three',
      from: '2024-03',
      to: '2025-01',
    });
    // February 2024 … January 2025: A (100) and B (200) at start; B leaves in March, A grows to 150 and
    // leaves in July. Nothing is retained.
    expect(trailing_12_months).toEqual({
      start: '2024-02-01',
      end: '2025-01-31',
      mrr_start: 300,
      grr: 0,
      nrr: 0,
    });
  });

  it('agrees with getMrr at the end of each period', async () => {
    const { periods } = await computeRevenueMetrics({
      db: store.db,
      workspaceId: 'three',
      from: '2024-01',
      to: '2024-04',
    });
    for (const p of periods) {
      const at = await getMrr({ db: store.db, workspaceId: 'three', at: p.end });
      expect(at).toEqual({
        date: p.end,
        currency: 'USD',
        mrr: p.mrr_end,
        arr: p.arr_end,
        customers: p.customers_end,
      });
    }
    expect(await getMrr({ db: store.db, workspaceId: 'cli', at: '2024-03-15' })).toEqual({
      date: '2024-03-15',
      currency: 'USD',
      mrr: 226.67,
      arr: 2720,
      customers: 1,
    });
  });

  it('labels days, ISO weeks, quarters and years', async () => {
    const labels = async (interval: 'day' | 'week' | 'quarter' | 'year', from: string, to: string) =>
      (await computeRevenueMetrics({ db: store.db, workspaceId: 'three', from, to, interval })).periods.map(
        (p) => [p.period, p.start, p.end],
      );
    expect(await labels('day', '2024-03-09', '2024-03-10')).toEqual([
      ['2024-03-09', '2024-03-09', '2024-03-09'],
      ['2024-03-10', '2024-03-10', '2024-03-10'],
    ]);
    expect(await labels('week', '2024-02-28', '2024-03-04')).toEqual([
      ['2024-W09', '2024-02-26', '2024-03-03'],
      ['2024-W10', '2024-03-04', '2024-03-10'],
    ]);
    expect(await labels('quarter', '2024-02', '2024-04')).toEqual([
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
    ]);
    expect(await labels('year', '2024-01', '2024-12')).toEqual([['2024', '2024-01-01', '2024-12-31']]);
    const [q1] = (
      await computeRevenueMetrics({
        db: store.db,
        workspaceId: 'three',
        from: '2024-01',
        to: '2024-03',
        interval: 'quarter',
      })
    ).periods;
    expect(q1).toMatchObject({
      mrr_start: 100,
      mrr_end: 200,
      new: 250,
      expansion: 50,
      churn: 200,
      grr: 1,
      nrr: 1.5,
    });
  });

  it('rejects malformed periods', async () => {
    await expect(
      computeRevenueMetrics({ db: store.db, workspaceId: 'three', from: '2024-13', to: '2024-14' }),
    ).rejects.toThrow(/from/);
    await expect(
      computeRevenueMetrics({ db: store.db, workspaceId: 'three', from: '2024-03', to: '2024-01' }),
    ).rejects.toThrow(/before/);
    await expect(
      computeRevenueMetrics({
        db: store.db,
        workspaceId: 'three',
        from: '2024-01',
        to: '2024-02',
        interval: 'hour' as 'day',
      }),
    ).rejects.toThrow(/interval/);
  });
});
