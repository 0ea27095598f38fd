import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { deleteFxRate } from './delete-fx-rate.ts';
import { findFxCoverage } from './find-fx-coverage.ts';
import { findFxRates } from './find-fx-rates.ts';
import { getMrr } from './get-mrr.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { insertFxRate, insertInvoice, insertRefund, monthlyPeriods } from './test-factories.ts';

let store: TStore;

/**
 * Workspace `fx` reports in USD. Account `tico` pays 50,000 colones a month from January to April 2024
 * (one invoice and one line a month, issued on the 1st) and got a refund in colones on 10 February; `gringo`
 * pays 80 USD. CRC rates were published on 1 January (0.002) and 5 March (0.0025) only, so February
 * converts at January's rate and April at March's. A EUR rate exists with no EUR amounts.
 */
beforeAll(async () => {
  store = await openTestStore();
  const db = store.db;
  await createTestWorkspace(store, 'fx');
  await insertFxRate(db, 'fx', 'CRC', '2024-01-01', '0.002');
  await insertFxRate(db, 'fx', 'CRC', '2024-03-05', '0.0025');
  await insertFxRate(db, 'fx', 'EUR', '2024-02-01', '1.08');
  const invoices: string[] = [];
  for (const period of monthlyPeriods('2024-01-01', 4)) {
    invoices.push(
      await insertInvoice(db, {
        workspaceId: 'fx',
        accountId: 'tico',
        currency: 'CRC',
        lines: [{ ...period, amount: 50000 }],
      }),
    );
  }
  await insertRefund(db, {
    workspaceId: 'fx',
    invoiceId: invoices[1]!,
    at: '2024-02-10',
    amount: '1000',
    currency: 'CRC',
  });
  for (const period of monthlyPeriods('2024-01-01', 4)) {
    await insertInvoice(db, { workspaceId: 'fx', accountId: 'gringo', lines: [{ ...period, amount: 80 }] });
  }
  await recomputeMovements({ db, workspaceId: 'fx' });
  // Another workspace whose rates must never show in `fx`.
  await createTestWorkspace(store, 'other');
  await insertFxRate(db, 'other', 'CRC', '2024-02-15', '0.9');
});
afterAll(() => store.close());

const mrrOf = async (workspaceId: string, at: string) =>
  (await getMrr({ db: store.db, workspaceId, at })).mrr;

describe(`FX rates (${engineName})`, () => {
  it('lists rates newest first, filtered by currency and dates, paged, of this workspace only', async () => {
    const page = (query: Partial<Parameters<typeof findFxRates>[0]>) =>
      findFxRates({ db: store.db, workspaceId: 'fx', limit: 100, offset: 0, ...query });
    const first = await page({ limit: 2 });
    expect(first).toMatchObject({ reporting_currency: 'USD', total: 3, limit: 2, offset: 0 });
    expect(first.rates).toEqual([
      { currency: 'CRC', date: '2024-03-05', rate: '0.0025' },
      { currency: 'EUR', date: '2024-02-01', rate: '1.08' },
    ]);
    const second = await page({ limit: 2, offset: 2 });
    expect(second.rates).toEqual([{ currency: 'CRC', date: '2024-01-01', rate: '0.002' }]);
    expect((await page({ currency: 'crc' })).rates.map((r) => r.date)).toEqual(['2024-03-05', '2024-01-01']);
    const window = await page({ from: '2024-02-01', to: '2024-03-04' });
    expect([window.total, window.rates.map((r) => r.currency)]).toEqual([1, ['EUR']]);
    expect((await page({ from: '2024-02-15', to: '2024-02-15' })).total).toBe(0);
  });

  it('reports the currencies in use and each month whose amounts have no rate of that month', async () => {
    const coverage = await findFxCoverage({ db: store.db, workspaceId: 'fx' });
    expect(coverage.reporting_currency).toBe('USD');
    expect(coverage.currencies).toEqual([
      {
        currency: 'USD',
        is_reporting: true,
        records: 8,
        first_day: '2024-01-01',
        last_day: '2024-04-01',
        rates: 0,
        first_rate_date: null,
        latest_rate: null,
        months_missing: 0,
        records_without_rate: 0,
      },
      {
        currency: 'CRC',
        is_reporting: false,
        records: 9,
        first_day: '2024-01-01',
        last_day: '2024-04-01',
        rates: 2,
        first_rate_date: '2024-01-01',
        latest_rate: { date: '2024-03-05', rate: '0.0025' },
        months_missing: 2,
        records_without_rate: 0,
      },
      {
        currency: 'EUR',
        is_reporting: false,
        records: 0,
        first_day: null,
        last_day: null,
        rates: 1,
        first_rate_date: '2024-02-01',
        latest_rate: { date: '2024-02-01', rate: '1.08' },
        months_missing: 0,
        records_without_rate: 0,
      },
    ]);
    expect(coverage.missing_months).toEqual([
      { currency: 'CRC', month: '2024-04', records: 2, fallback: { date: '2024-03-05', rate: '0.0025' } },
      // The invoice, its line and the refund of 10 February.
      { currency: 'CRC', month: '2024-02', records: 3, fallback: { date: '2024-01-01', rate: '0.002' } },
    ]);
    // What the fallback means in money: February's 50,000 colones count at January's rate.
    expect(await mrrOf('fx', '2024-02-15')).toBe(80 + 100);
    expect(await mrrOf('fx', '2024-04-15')).toBe(80 + 125);
  });

  it('counts amounts dated before the first rate as having no rate at all', async () => {
    await createTestWorkspace(store, 'early');
    await insertFxRate(store.db, 'early', 'CRC', '2024-02-01', '0.002');
    // Written straight to the tables: the import would refuse this invoice (no rate on or before it).
    await insertInvoice(store.db, {
      workspaceId: 'early',
      accountId: 'a1',
      currency: 'CRC',
      lines: [{ amount: 1000, start: '2024-01-20', end: '2024-02-20' }],
    });
    const coverage = await findFxCoverage({ db: store.db, workspaceId: 'early' });
    expect(coverage.currencies).toMatchObject([{ currency: 'CRC', records: 2, records_without_rate: 2 }]);
    expect(coverage.missing_months).toEqual([
      { currency: 'CRC', month: '2024-01', records: 2, fallback: null },
    ]);
  });

  it('deletes a rate, recomputes MRR at the rate before it and queues health, in one transaction', async () => {
    expect(await mrrOf('fx', '2024-04-15')).toBe(205);
    const deleted = await deleteFxRate({
      db: store.db,
      workspaceId: 'fx',
      currency: 'crc',
      date: '2024-03-05',
    });
    expect(deleted).toEqual({ currency: 'CRC', date: '2024-03-05', rate: '0.0025' });
    // April's line now converts at 1 January's 0.002: 100 USD instead of 125.
    expect(await mrrOf('fx', '2024-04-15')).toBe(180);
    const stale = await store.db
      .selectFrom('health_stale')
      .select('account_id')
      .where('workspace_id', '=', 'fx')
      .orderBy('account_id')
      .execute();
    expect(stale.map((r) => r.account_id)).toEqual(['gringo', 'tico']);
    await insertFxRate(store.db, 'fx', 'CRC', '2024-03-05', '0.0025');
    await recomputeMovements({ db: store.db, workspaceId: 'fx' });
  });

  it('refuses to delete the rate that amounts depend on, or a rate of another workspace', async () => {
    await expect(
      deleteFxRate({ db: store.db, workspaceId: 'fx', currency: 'CRC', date: '2024-01-01' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /^the invoice "inv-\d+" in CRC dated 2024-01-01 would have no exchange rate/,
      ),
    });
    expect((await findFxRates({ db: store.db, workspaceId: 'fx', limit: 10, offset: 0 })).total).toBe(3);
    expect(await mrrOf('fx', '2024-01-15')).toBe(180);
    // The EUR rate converts nothing: it goes.
    await deleteFxRate({ db: store.db, workspaceId: 'fx', currency: 'EUR', date: '2024-02-01' });
    await expect(
      deleteFxRate({ db: store.db, workspaceId: 'fx', currency: 'EUR', date: '2024-02-01' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      deleteFxRate({ db: store.db, workspaceId: 'fx', currency: 'CRC', date: '2024-02-15' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await findFxRates({ db: store.db, workspaceId: 'other', limit: 10, offset: 0 })).total).toBe(1);
  });
});
