import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { runBacktest } from './run-backtest.ts';
import { ZScorecardDefinition } from './scorecard-schema.ts';

/**
 * Five customers from January 2024 (a5 from February) scored on support tickets alone (0 tickets in 90
 * days → 100, each ticket −25). The last movement is on April 5, so with a 30-day horizon only January
 * and February month-ends have a whole horizon after them.
 *
 *   Jan 31: a1 3 tickets → 25 (churns Feb 20), a2 1 → 75, a3 2 → 50, a4 0 → 100
 *   Feb 29: a2 3 → 25 (churns Mar 15), a3 4 → 0, a4 0 → 100, a5 1 → 75
 *
 * Each churner (25) scored below 5 of the 6 stayer observations (all but a3's 0): AUC = 10/12.
 */
const W = 'acme-co';
let store: TStore;

const definition = ZScorecardDefinition.parse({
  name: 'Tickets only',
  measures: [
    {
      key: 'tickets',
      label: 'Tickets',
      metric: 'tickets_90d',
      weight: 1,
      rule: { type: 'linear', worst: 4, best: 0 },
    },
  ],
});

beforeAll(async () => {
  store = await openTestStore();
  const db = store.db;
  await createTestWorkspace(store, W);
  await db
    .insertInto('accounts')
    .values(['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({ workspace_id: W, id, name: id })))
    .execute();
  const movement = (account: string, date: string, type: 'new' | 'churn') => ({
    workspace_id: W,
    account_id: account,
    date,
    type,
    amount: '100',
    mrr_before: type === 'new' ? '0' : '100',
    mrr_after: type === 'new' ? '100' : '0',
  });
  await db
    .insertInto('mrr_movements')
    .values([
      movement('a1', '2024-01-05', 'new'),
      movement('a1', '2024-02-20', 'churn'),
      movement('a2', '2024-01-05', 'new'),
      movement('a2', '2024-03-15', 'churn'),
      movement('a3', '2024-01-05', 'new'),
      movement('a4', '2024-01-05', 'new'),
      movement('a5', '2024-02-10', 'new'),
      movement('a6', '2024-04-05', 'new'),
    ])
    .execute();
  const tickets: [string, string][] = [
    ['a1', '2024-01-10'],
    ['a1', '2024-01-11'],
    ['a1', '2024-01-12'],
    ['a2', '2024-01-20'],
    ['a2', '2024-02-05'],
    ['a2', '2024-02-06'],
    ['a3', '2024-01-15'],
    ['a3', '2024-01-16'],
    ['a3', '2024-02-20'],
    ['a3', '2024-02-21'],
    ['a5', '2024-02-15'],
  ];
  await db
    .insertInto('tickets')
    .values(
      tickets.map(([account, day], i) => ({
        workspace_id: W,
        id: `t${i}`,
        account_id: account,
        opened_at: new Date(`${day}T12:00:00Z`),
        resolved_at: new Date(`${day}T15:00:00Z`),
        status: 'closed' as const,
      })),
    )
    .execute();
});
afterAll(async () => store?.close());

describe(`runBacktest (${engineName})`, () => {
  it('replays month-ends with a whole horizon, with AUC, bands and calibration computed by hand', async () => {
    const result = await runBacktest({ db: store.db, workspaceId: W, definition, horizonDays: 30 });
    expect(result).toMatchObject({
      horizon_days: 30,
      from: '2024-01-31',
      to: '2024-02-29',
      snapshots: 2,
      observations: 8,
      churned: 2,
      unscored: 0,
      auc: 0.8333,
    });
    expect(result.by_month).toEqual([
      { date: '2024-01-31', observations: 4, churned: 1, auc: 1 },
      { date: '2024-02-29', observations: 4, churned: 1, auc: 0.6667 },
    ]);
    expect(result.bands).toEqual([
      { band: 'red', observations: 3, churned: 2, churn_rate: 0.6667 },
      { band: 'yellow', observations: 1, churned: 0, churn_rate: 0 },
      { band: 'green', observations: 4, churned: 0, churn_rate: 0 },
    ]);
    const filled = result.calibration.filter((c) => c.observations > 0);
    expect(filled).toEqual([
      { from: 0, to: 10, observations: 1, churned: 0, churn_rate: 0 },
      { from: 20, to: 30, observations: 2, churned: 2, churn_rate: 1 },
      { from: 50, to: 60, observations: 1, churned: 0, churn_rate: 0 },
      { from: 70, to: 80, observations: 2, churned: 0, churn_rate: 0 },
      { from: 90, to: 100, observations: 2, churned: 0, churn_rate: 0 },
    ]);
    expect(result.calibration).toHaveLength(10);
  });

  it('a longer horizon leaves only the snapshots it can judge; `to` limits the months', async () => {
    const long = await runBacktest({ db: store.db, workspaceId: W, definition, horizonDays: 60 });
    // Jan 31 + 60 = Mar 31 ≤ Apr 5, Feb 29 + 60 is past the history. a1 and a2 (Mar 15) both churn within
    // 60 days: churners 25 and 75 against stayers 50 and 100 → (2 + 1) / 4.
    expect(long.by_month).toEqual([{ date: '2024-01-31', observations: 4, churned: 2, auc: 0.75 }]);
    const january = await runBacktest({
      db: store.db,
      workspaceId: W,
      definition,
      horizonDays: 30,
      to: '2024-01',
    });
    expect(january.snapshots).toBe(1);
  });

  it('history ends at the last invoice issued: later period ends are renewals not billed yet', async () => {
    // The latest invoice is issued on March 20: Feb 29 + 30 days is past it, Jan 31 + 30 is not.
    await store.db
      .insertInto('invoices')
      .values({
        workspace_id: W,
        id: 'inv-last',
        account_id: 'a4',
        issued_at: new Date('2024-03-20T12:00:00Z'),
        currency: 'USD',
        status: 'paid',
      })
      .execute();
    const result = await runBacktest({ db: store.db, workspaceId: W, definition, horizonDays: 30 });
    expect(result.by_month.map((m) => m.date)).toEqual(['2024-01-31']);
  });

  it('rejects a horizon that is not whole days', async () => {
    await expect(runBacktest({ db: store.db, workspaceId: W, definition, horizonDays: 0 })).rejects.toThrow(
      /horizon/,
    );
  });
});
