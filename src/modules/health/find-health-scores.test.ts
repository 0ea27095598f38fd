import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { insertAccounts, insertHealthScore } from '../segments/test-factories.ts';
import { findHealthScores, type THealthSort } from './find-health-scores.ts';

let store: TStore;
const ws = 'ws-movers';

/**
 * Scores of Mar 20 and of earlier days: m1 80 → 50 and m4 90 → 60 (both −30, a tie), m2 90 on Mar 11 and
 * not scored on Mar 13 → 70 (−20), m5 20 → 30 (+10), m3 and m6 scored for the first time (no change).
 * On Mar 23 only m1 is scored (45), with no score of Mar 16 anywhere: its 7-day change is from Mar 13.
 */
beforeAll(async () => {
  store = await openTestStore();
  const db = store.db;
  await createTestWorkspace(store, ws);
  await insertAccounts(
    db,
    ws,
    ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((id) => ({ id })),
  );
  const scores: [string, string, number][] = [
    ['m1', '2026-03-13', 80],
    ['m1', '2026-03-20', 50],
    ['m2', '2026-03-11', 90],
    ['m2', '2026-03-20', 70],
    ['m3', '2026-03-20', 40],
    ['m4', '2026-03-13', 90],
    ['m4', '2026-03-20', 60],
    ['m5', '2026-03-13', 20],
    ['m5', '2026-03-20', 30],
    ['m6', '2026-03-20', 95],
    ['m1', '2026-03-23', 45],
  ];
  for (const [accountId, date, score] of scores) {
    await insertHealthScore(db, ws, accountId, { date, score, band: score < 40 ? 'red' : 'green' });
  }
  // The factory stores no explanation; the list reads one (empty: no measure).
  await db
    .updateTable('health_scores')
    .set({ measures: JSON.stringify({ measures: [] }) })
    .where('workspace_id', '=', ws)
    .execute();
});
afterAll(() => store.close());

const movers = async (at: string, sort: THealthSort, page: { limit?: number; offset?: number } = {}) =>
  (
    await findHealthScores({ db: store.db, workspaceId: ws, at, sort, computeIfMissing: false, ...page })
  ).accounts.map((a) => [a.account_id, a.delta_7d]);

describe(`findHealthScores by 7-day change (${engineName})`, () => {
  it('sorts falls first, ties by score then id, accounts without a 7-day-old score last', async () => {
    expect(await movers('2026-03-20', 'delta_7d')).toEqual([
      ['m1', -30],
      ['m4', -30],
      ['m2', -20],
      ['m5', 10],
      ['m3', null],
      ['m6', null],
    ]);
  });

  it('sorts rises first with the same ties, and still puts missing changes last', async () => {
    expect(await movers('2026-03-20', '-delta_7d')).toEqual([
      ['m5', 10],
      ['m2', -20],
      ['m1', -30],
      ['m4', -30],
      ['m3', null],
      ['m6', null],
    ]);
  });

  it('pages through the same order', async () => {
    expect(await movers('2026-03-20', 'delta_7d', { limit: 2, offset: 1 })).toEqual([
      ['m4', -30],
      ['m2', -20],
    ]);
    expect(await movers('2026-03-20', '-delta_7d', { limit: 2, offset: 4 })).toEqual([
      ['m3', null],
      ['m6', null],
    ]);
  });

  it('compares with the latest score on or before 7 days ago when that day was not scored', async () => {
    expect(await movers('2026-03-23', 'delta_7d')).toEqual([['m1', -35]]);
    expect(await movers('2026-03-23', '-delta_7d')).toEqual([['m1', -35]]);
  });
});
