import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createScorecard } from './create-scorecard.ts';
import {
  insertAccount,
  insertLogins,
  insertTicket,
  RATING_ONLY,
  TEST_SCORECARD,
} from './health-test-factories.ts';
import { recomputeHealth } from './recompute-health.ts';
import { updateScorecard } from './update-scorecard.ts';

let store: TStore;

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

const scoresOf = (workspaceId: string, date: string) =>
  store.db
    .selectFrom('health_scores')
    .select(['account_id', 'score', 'band', 'scorecard_id', 'scorecard_version'])
    .where('workspace_id', '=', workspaceId)
    .where('date', '=', date)
    .orderBy('account_id')
    .execute();

describe(`recomputeHealth (${engineName})`, () => {
  const ws = 'ws-r';

  beforeAll(async () => {
    const db = store.db;
    await createTestWorkspace(store, ws);
    await createScorecard({ db, workspaceId: ws, id: 'main', definition: TEST_SCORECARD, isDefault: true });
    await insertAccount(db, ws, 'a1');
    await insertAccount(db, ws, 'a2');
    await insertLogins(db, ws, 'a1', { from: '2026-03-04', to: '2026-03-11', quantity: 1 });
  });

  it('stores each account’s score for the day, naming the scorecard version that made it', async () => {
    // a1: 7 logins in Mar 4–10 → 70; no open ticket → 100; mean 85. a2: no login → 0, no open ticket
    // → 100: 50, yellow.
    const result = await recomputeHealth({ db: store.db, workspaceId: ws, at: '2026-03-10' });
    expect(result).toEqual({ date: '2026-03-10', scored: 2, removed: 0, band_changes: 0 });
    expect(await scoresOf(ws, '2026-03-10')).toEqual([
      { account_id: 'a1', score: '85', band: 'green', scorecard_id: 'main', scorecard_version: 1 },
      { account_id: 'a2', score: '50', band: 'yellow', scorecard_id: 'main', scorecard_version: 1 },
    ]);
    await updateScorecard({
      db: store.db,
      workspaceId: ws,
      id: 'main',
      definition: { ...TEST_SCORECARD, name: 'Main v2' },
    });
    await recomputeHealth({ db: store.db, workspaceId: ws, at: '2026-03-10', accountIds: ['a1'] });
    const rows = await scoresOf(ws, '2026-03-10');
    expect(rows.map((r) => [r.account_id, r.scorecard_version])).toEqual([
      ['a1', 2],
      ['a2', 1],
    ]);
  });

  it('records one health_band_changed event when a band moves, none when it stays', async () => {
    // Mar 11: a1 has 7 logins in Mar 5–11 → 70 and 3 open tickets → 25: 47.5, yellow (was green on Mar 10).
    for (let i = 0; i < 3; i++) await insertTicket(store.db, ws, 'a1', { openedAt: '2026-03-11' });
    const first = await recomputeHealth({ db: store.db, workspaceId: ws, at: '2026-03-11' });
    expect(first.band_changes).toBe(1);
    const again = await recomputeHealth({ db: store.db, workspaceId: ws, at: '2026-03-11' });
    expect(again.band_changes).toBe(0);
    const events = await store.db
      .selectFrom('lifecycle_events')
      .select(['account_id', 'type', 'from_value', 'to_value'])
      .where('workspace_id', '=', ws)
      .execute();
    expect(events).toEqual([
      { account_id: 'a1', type: 'health_band_changed', from_value: 'green', to_value: 'yellow' },
    ]);
    expect((await scoresOf(ws, '2026-03-11')).find((r) => r.account_id === 'a1')?.score).toBe('47.5');
  });

  it('rescoring an earlier day writes no event even when its band differs from the newest score', async () => {
    await recomputeHealth({ db: store.db, workspaceId: ws, at: '2026-03-10' });
    const events = await store.db
      .selectFrom('lifecycle_events')
      .select('id')
      .where('workspace_id', '=', ws)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('removes the day’s score of an account that no longer has data', async () => {
    const wl = 'ws-l';
    await createTestWorkspace(store, wl);
    await createScorecard({
      db: store.db,
      workspaceId: wl,
      id: 'rating',
      definition: RATING_ONLY,
      isDefault: true,
    });
    await insertAccount(store.db, wl, 'b1');
    const setRating = (attributes: string) =>
      store.db.updateTable('accounts').set({ attributes }).where('workspace_id', '=', wl).execute();
    await setRating('{"rating": 3}');
    // Rating 3 → 30, red.
    expect(await recomputeHealth({ db: store.db, workspaceId: wl, at: '2026-03-05' })).toMatchObject({
      scored: 1,
    });
    expect(await scoresOf(wl, '2026-03-05')).toEqual([
      { account_id: 'b1', score: '30', band: 'red', scorecard_id: 'rating', scorecard_version: 1 },
    ]);
    await setRating('{}');
    expect(await recomputeHealth({ db: store.db, workspaceId: wl, at: '2026-03-05' })).toMatchObject({
      scored: 0,
      removed: 1,
    });
    expect(await scoresOf(wl, '2026-03-05')).toEqual([]);
  });
});
