import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { computeCohorts } from './compute-cohorts.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from './test-factories.ts';

const ws = 'cohorts';

describe(`computeCohorts (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, ws);
    const monthly = async (accountId: string, start: string, count: number, amount: string) => {
      for (const p of monthlyPeriods(start, count))
        await insertInvoice(db, { workspaceId: ws, accountId, lines: [{ ...p, amount }] });
    };
    await monthly('X', '2024-01-05', 3, '100'); // churns 04-05
    await monthly('Y', '2024-01-20', 2, '50');
    await monthly('Y', '2024-03-20', 4, '80'); // expands 03-20
    await monthly('Z', '2024-02-01', 1, '200'); // churns 03-01
    await monthly('Z', '2024-04-01', 1, '200'); // reactivates 04-01
    await recomputeMovements({ db, workspaceId: ws });
  });
  afterAll(() => store.close());

  it('follows each cohort month by month: customers left and their MRR against the start', async () => {
    const result = await computeCohorts({ db: store.db, workspaceId: ws, to: '2024-04' });
    expect(result).toEqual({
      currency: 'USD',
      cohorts: [
        {
          cohort: '2024-01',
          customers: 2,
          starting_mrr: 150,
          months: [
            {
              month_index: 0,
              period: '2024-01',
              customers: 2,
              logo_retention: 1,
              mrr: 150,
              revenue_retention: 1,
            },
            {
              month_index: 1,
              period: '2024-02',
              customers: 2,
              logo_retention: 1,
              mrr: 150,
              revenue_retention: 1,
            },
            {
              month_index: 2,
              period: '2024-03',
              customers: 2,
              logo_retention: 1,
              mrr: 180,
              revenue_retention: 1.2,
            },
            {
              month_index: 3,
              period: '2024-04',
              customers: 1,
              logo_retention: 0.5,
              mrr: 80,
              revenue_retention: 0.533333,
            },
          ],
        },
        {
          cohort: '2024-02',
          customers: 1,
          starting_mrr: 200,
          months: [
            {
              month_index: 0,
              period: '2024-02',
              customers: 1,
              logo_retention: 1,
              mrr: 200,
              revenue_retention: 1,
            },
            {
              month_index: 1,
              period: '2024-03',
              customers: 0,
              logo_retention: 0,
              mrr: 0,
              revenue_retention: 0,
            },
            {
              month_index: 2,
              period: '2024-04',
              customers: 1,
              logo_retention: 1,
              mrr: 200,
              revenue_retention: 1,
            },
          ],
        },
      ],
    });
  });

  it('runs to the month of the latest movement by default and filters cohorts by month', async () => {
    const { cohorts } = await computeCohorts({ db: store.db, workspaceId: ws, from: '2024-02' });
    expect(cohorts.map((c) => c.cohort)).toEqual(['2024-02']);
    // Y's last period ends 2024-07-20: its churn is the latest movement.
    expect(cohorts[0]!.months.at(-1)).toMatchObject({ period: '2024-07', customers: 0 });
  });
});
