import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { computeRenewals } from './compute-renewals.ts';
import { insertInvoice, monthlyPeriods } from './test-factories.ts';

const ws = 'renewals';

describe(`computeRenewals (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, ws);
    const yearly = (
      accountId: string,
      subscriptionId: string,
      start: string,
      end: string,
      amounts: string[],
    ) =>
      insertInvoice(db, {
        workspaceId: ws,
        accountId,
        lines: amounts.map((amount) => ({ subscriptionId, start, end, amount })),
      });
    await yearly('r1', 'R1', '2023-03-01', '2024-03-01', ['1200']); // 100/month, renewed at 125
    await yearly('r1', 'R1', '2024-03-01', '2025-03-01', ['1500']);
    await yearly('r2', 'R2', '2023-03-15', '2024-03-15', ['2400']); // 200/month, not renewed
    await yearly('r3', 'R3', '2023-03-10', '2024-03-10', ['600']); // 50/month, renewed 26 days late
    await yearly('r3', 'R3', '2024-04-05', '2025-04-05', ['600']);
    await yearly('r4', 'R4', '2023-03-20', '2024-03-20', ['1200', '120']); // two lines, 110/month, renewed after the grace
    await yearly('r4', 'R4', '2024-05-01', '2025-05-01', ['1320']);
    for (const p of monthlyPeriods('2024-01-01', 3)) {
      await insertInvoice(db, {
        workspaceId: ws,
        accountId: 'm',
        lines: [{ subscriptionId: 'M', ...p, amount: '30' }],
      });
    }
  });
  afterAll(() => store.close());

  it('counts contracts of a year or more ending in the period and those renewed within the grace days', async () => {
    const { currency, periods } = await computeRenewals({
      db: store.db,
      workspaceId: ws,
      from: '2024-02',
      to: '2024-03',
      interval: 'month',
    });
    expect(currency).toBe('USD');
    expect(periods).toEqual([
      {
        period: '2024-02',
        start: '2024-02-01',
        end: '2024-02-29',
        up_for_renewal: 0,
        renewed: 0,
        renewal_rate: null,
        mrr_up_for_renewal: 0,
        mrr_renewed: 0,
        dollar_renewal_rate: null,
      },
      // R1, R2, R3, R4 (monthly M is too short); R1 and R3 renewed: 125 + 50 over 100 + 200 + 50 + 110.
      {
        period: '2024-03',
        start: '2024-03-01',
        end: '2024-03-31',
        up_for_renewal: 4,
        renewed: 2,
        renewal_rate: 0.5,
        mrr_up_for_renewal: 460,
        mrr_renewed: 175,
        dollar_renewal_rate: 0.380435,
      },
    ]);
  });

  it('follows renewal.min_interval_months and renewal.grace_days', async () => {
    await store.db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ 'renewal.min_interval_months': 1, 'renewal.grace_days': 45 }) })
      .where('workspace_id', '=', ws)
      .execute();
    const { periods } = await computeRenewals({
      db: store.db,
      workspaceId: ws,
      from: '2024-03',
      to: '2024-03',
    });
    // M's March period ends 2024-04-01 (April); its February period ends in March and renews on the day.
    expect(periods[0]).toMatchObject({
      up_for_renewal: 5,
      renewed: 4,
      mrr_up_for_renewal: 490,
      mrr_renewed: 315,
    });
  });
});
