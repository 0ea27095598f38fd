import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { findMovements } from './find-movements.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { insertFxRate, insertInvoice, monthlyPeriods } from './test-factories.ts';

const ws = 'acme-co';

describe(`recomputeMovements (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, ws);
  });
  afterAll(() => store.close());

  async function movementsOf(accountId: string) {
    await recomputeMovements({ db: store.db, workspaceId: ws, accountIds: [accountId] });
    const { movements } = await findMovements({ db: store.db, workspaceId: ws, accountId });
    return movements.map(({ date, type, amount, mrr_after }) => ({ date, type, amount, mrr_after }));
  }

  it("follows ChartMogul's published example exactly", async () => {
    const db = store.db;
    const a = 'chartmogul';
    // 4 Gold seats, yearly, $2,000.
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: a,
      lines: [{ subscriptionId: 'gold', start: '2024-01-01', end: '2025-01-01', amount: '2000' }],
    });
    // +2 Silver seats monthly at $60 in March and April, then Silver is cancelled.
    for (const p of monthlyPeriods('2024-03-01', 2)) {
      await insertInvoice(db, {
        workspaceId: ws,
        accountId: a,
        lines: [{ subscriptionId: 'silver', ...p, amount: '60' }],
      });
    }
    // After a gap, 3 Gold seats monthly at $150.
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: a,
      lines: [{ subscriptionId: 'gold2', start: '2025-03-01', end: '2025-04-01', amount: '150' }],
    });
    expect(await movementsOf(a)).toEqual([
      { date: '2024-01-01', type: 'new', amount: 166.67, mrr_after: 166.67 },
      { date: '2024-03-01', type: 'expansion', amount: 60, mrr_after: 226.67 },
      { date: '2024-05-01', type: 'contraction', amount: 60, mrr_after: 166.67 },
      { date: '2025-01-01', type: 'churn', amount: 166.67, mrr_after: 0 },
      { date: '2025-03-01', type: 'reactivation', amount: 150, mrr_after: 150 },
      { date: '2025-04-01', type: 'churn', amount: 150, mrr_after: 0 },
    ]);
  });

  it('counts a renewal at the same price as no movement and an upgrade as expansion', async () => {
    const lines = monthlyPeriods('2024-01-10', 3).map((p, i) => ({ ...p, amount: i < 2 ? '100' : '130' }));
    for (const line of lines)
      await insertInvoice(store.db, { workspaceId: ws, accountId: 'renew', lines: [line] });
    expect(await movementsOf('renew')).toEqual([
      { date: '2024-01-10', type: 'new', amount: 100, mrr_after: 100 },
      { date: '2024-03-10', type: 'expansion', amount: 30, mrr_after: 130 },
      { date: '2024-04-10', type: 'churn', amount: 130, mrr_after: 0 },
    ]);
  });

  it('makes a second subscription an expansion and cancelling one of two a contraction', async () => {
    const db = store.db;
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'two',
      lines: [{ subscriptionId: 's1', start: '2024-01-01', end: '2024-04-01', amount: '300' }],
    });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'two',
      lines: [{ subscriptionId: 's2', start: '2024-02-01', end: '2024-03-01', amount: '50' }],
    });
    expect(await movementsOf('two')).toEqual([
      { date: '2024-01-01', type: 'new', amount: 100, mrr_after: 100 },
      { date: '2024-02-01', type: 'expansion', amount: 50, mrr_after: 150 },
      { date: '2024-03-01', type: 'contraction', amount: 50, mrr_after: 100 },
      { date: '2024-04-01', type: 'churn', amount: 100, mrr_after: 0 },
    ]);
  });

  it('makes a plan change on one day a single movement of the net difference', async () => {
    const db = store.db;
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'swap',
      lines: [{ subscriptionId: 'a', planId: 'basic', start: '2024-01-01', end: '2024-02-01', amount: '80' }],
    });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'swap',
      lines: [{ subscriptionId: 'b', planId: 'pro', start: '2024-02-01', end: '2024-03-01', amount: '200' }],
    });
    expect(await movementsOf('swap')).toEqual([
      { date: '2024-01-01', type: 'new', amount: 80, mrr_after: 80 },
      { date: '2024-02-01', type: 'expansion', amount: 120, mrr_after: 200 },
      { date: '2024-03-01', type: 'churn', amount: 200, mrr_after: 0 },
    ]);
  });

  it('normalises quarterly, annual and non-calendar periods, excluding tax', async () => {
    const db = store.db;
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'quarterly',
      lines: [{ start: '2024-01-15', end: '2024-04-15', amount: '300', tax: '60' }],
    });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'annual',
      lines: [{ start: '2024-01-15', end: '2025-01-15', amount: '1200' }],
    });
    // 26 days: 100 × 30.4375 / 26 = 117.067307…
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'odd',
      lines: [{ start: '2024-01-15', end: '2024-02-10', amount: '100' }],
    });
    expect((await movementsOf('quarterly'))[0]).toMatchObject({ type: 'new', amount: 100 });
    expect((await movementsOf('annual'))[0]).toMatchObject({ type: 'new', amount: 100 });
    expect(await movementsOf('odd')).toEqual([
      { date: '2024-01-15', type: 'new', amount: 117.07, mrr_after: 117.07 },
      { date: '2024-02-10', type: 'churn', amount: 117.07, mrr_after: 0 },
    ]);
  });

  it('counts whole months only between the same day of month (docs/metrics.md), not clamped month ends', async () => {
    // 2024-01-31..2024-02-29 is 29 days, not "the same day of month": 100 × 30.4375 / 29 = 104.956896…
    await insertInvoice(store.db, {
      workspaceId: ws,
      accountId: 'month-end',
      lines: [{ start: '2024-01-31', end: '2024-02-29', amount: '100' }],
    });
    expect((await movementsOf('month-end'))[0]).toMatchObject({ type: 'new', amount: 104.96 });
  });

  it('deducts discounts by default and ignores them under mrr.discounts = ignore', async () => {
    const db = store.db;
    await createTestWorkspace(store, 'disc');
    await insertInvoice(db, {
      workspaceId: 'disc',
      accountId: 'd',
      lines: [{ start: '2024-01-01', end: '2024-02-01', amount: '100', discount: '25' }],
    });
    const amountNow = async () => {
      await recomputeMovements({ db, workspaceId: 'disc' });
      return (await findMovements({ db, workspaceId: 'disc' })).movements[0]?.amount;
    };
    expect(await amountNow()).toBe(75);
    await db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ 'mrr.discounts': 'ignore' }) })
      .where('workspace_id', '=', 'disc')
      .execute();
    expect(await amountNow()).toBe(100);
  });

  it('gives nothing for trials, one-time lines and void, draft or uncollectible invoices, but counts open ones', async () => {
    const db = store.db;
    const p = { start: '2024-01-01', end: '2024-02-01' };
    await insertInvoice(db, { workspaceId: ws, accountId: 'trial', lines: [{ ...p, amount: '0' }] });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'once',
      lines: [{ type: 'one_time', amount: '500' }],
    });
    for (const status of ['void', 'draft', 'uncollectible'] as const) {
      await insertInvoice(db, {
        workspaceId: ws,
        accountId: status,
        status,
        lines: [{ ...p, amount: '10' }],
      });
    }
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'unpaid',
      status: 'open',
      lines: [{ ...p, amount: '10' }],
    });
    for (const a of ['trial', 'once', 'void', 'draft', 'uncollectible'])
      expect(await movementsOf(a)).toEqual([]);
    expect(await movementsOf('unpaid')).toHaveLength(2);
  });

  it('shows a gap between two periods as churn then reactivation', async () => {
    const db = store.db;
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'gap',
      lines: [{ start: '2024-01-01', end: '2024-02-01', amount: '40' }],
    });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'gap',
      lines: [{ start: '2024-02-05', end: '2024-03-05', amount: '40' }],
    });
    expect((await movementsOf('gap')).map((m) => `${m.date} ${m.type}`)).toEqual([
      '2024-01-01 new',
      '2024-02-01 churn',
      '2024-02-05 reactivation',
      '2024-03-05 churn',
    ]);
  });

  it('fixes the FX rate at service start and shows a rate change between periods', async () => {
    const db = store.db;
    await insertFxRate(db, ws, 'CRC', '2023-12-01', '0.002');
    await insertFxRate(db, ws, 'CRC', '2024-01-15', '0.0025');
    await insertFxRate(db, ws, 'CRC', '2024-02-01', '0.003');
    for (const p of monthlyPeriods('2024-01-01', 2)) {
      await insertInvoice(db, {
        workspaceId: ws,
        accountId: 'cr',
        currency: 'CRC',
        lines: [{ ...p, amount: '50000' }],
      });
    }
    // 50,000 CRC at 0.002 in January (the mid-January rate changes nothing), at 0.003 from February.
    expect(await movementsOf('cr')).toEqual([
      { date: '2024-01-01', type: 'new', amount: 100, mrr_after: 100 },
      { date: '2024-02-01', type: 'expansion', amount: 50, mrr_after: 150 },
      { date: '2024-03-01', type: 'churn', amount: 150, mrr_after: 0 },
    ]);
  });

  it('refuses lines in a currency without a rate on or before their start', async () => {
    await insertInvoice(store.db, {
      workspaceId: ws,
      accountId: 'eur',
      currency: 'EUR',
      lines: [{ start: '2024-01-01', end: '2024-02-01', amount: '10' }],
    });
    await expect(recomputeMovements({ db: store.db, workspaceId: ws, accountIds: ['eur'] })).rejects.toThrow(
      /no FX rate for EUR on or before 2024-01-01/,
    );
  });

  it('recomputes the whole workspace to the same rows as per-account recomputes', async () => {
    const db = store.db;
    await db
      .deleteFrom('invoice_lines')
      .where('invoice_id', 'in', db.selectFrom('invoices').select('id').where('account_id', '=', 'eur'))
      .execute();
    const before = await sql`select * from mrr_movements order by account_id, date`.execute(db);
    const result = await recomputeMovements({ db, workspaceId: ws });
    const after = await sql`select * from mrr_movements order by account_id, date`.execute(db);
    expect(after.rows).toEqual(before.rows);
    expect(result.movements).toBe(after.rows.filter((r: any) => r.workspace_id === ws).length);
  });
});
