import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import type { TImportSummary } from '../imports/import-types.ts';
import { computeRevenueMetrics } from '../revenue/compute-revenue-metrics.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { loadDemo } from './load-demo.ts';

let store: TStore;
let summary: TImportSummary;
const workspaceId = 'demo';

beforeAll(async () => {
  store = await openTestStore();
  summary = await loadDemo({
    store,
    workspaceId,
    accounts: 200,
    months: 24,
    seed: 42,
    endDate: '2025-01-01',
  });
});
afterAll(() => store?.close());

describe(`loadDemo (${engineName})`, () => {
  it('imports all thirteen files without a rejected row, reporting in USD', async () => {
    expect(summary.files).toHaveLength(13);
    expect(summary.rejected).toBe(0);
    expect(summary.warnings).toEqual([]);
    const accounts = summary.files.find((f) => f.entity === 'accounts');
    expect(accounts?.inserted).toBe(200);
    expect((await getWorkspace({ db: store.db, workspaceId })).reportingCurrency).toBe('USD');
  });

  it('bills some accounts in CRC and turns their custom columns into attributes', async () => {
    const crc = await store.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('currency', '=', 'CRC')
      .executeTakeFirstOrThrow();
    expect(crc.n).toBeGreaterThan(0);
    const account = await store.db
      .selectFrom('accounts')
      .select('attributes')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', 'acc_000001')
      .executeTakeFirstOrThrow();
    expect(Object.keys(account.attributes as object).sort()).toEqual([
      'country',
      'industry',
      'region',
      'seats',
    ]);
  });

  it('grows MRR month by month with new, expansion, contraction, churn and reactivation movements', async () => {
    const { periods } = await computeRevenueMetrics({
      db: store.db,
      workspaceId,
      from: '2023-01',
      to: '2024-12',
    });
    expect(periods).toHaveLength(24);
    const last = periods[periods.length - 1]!;
    expect(last.mrr_end).toBeGreaterThan(periods[2]!.mrr_end);
    expect(last.customers_end).toBeGreaterThan(50);
    const total = (key: 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation') =>
      periods.reduce((sum, p) => sum + p[key], 0);
    for (const key of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const)
      expect(total(key), key).toBeGreaterThan(0);
    for (const p of periods) {
      const change = p.new + p.expansion + p.reactivation - p.contraction - p.churn;
      expect(Math.abs(p.mrr_end - p.mrr_start - change), p.period).toBeLessThan(0.05);
    }
  });
});
