import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { createSegment } from '../segments/create-segment.ts';
import { searchAccounts } from '../segments/search-accounts.ts';
import { insertAccounts, insertHealthScore } from '../segments/test-factories.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { findHealthBySegment } from './find-health-by-segment.ts';

let store: TStore;
const ws = 'ws-hs';
const other = 'ws-hs-other';
let today: string;
const daysAgo = (days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * a1 red today; a2 red 3 days ago, green today; a3 yellow 5 days ago and not scored since; a4 never
 * scored; a5 yellow today; a6 red today. Segment "All five" holds a1–a5, "Mixed" a3, a4 and a6, "Empty"
 * nobody. Another workspace has a segment of the same id over its own red account.
 */
beforeAll(async () => {
  store = await openTestStore();
  const db = store.db;
  await createTestWorkspace(store, ws);
  await createTestWorkspace(store, other);
  today = todayIn((await getWorkspace({ db, workspaceId: ws })).timezone);
  await insertAccounts(
    db,
    ws,
    ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({ id })),
  );
  await insertHealthScore(db, ws, 'a1', { date: today, score: 20, band: 'red' });
  await insertHealthScore(db, ws, 'a2', { date: daysAgo(3), score: 30, band: 'red' });
  await insertHealthScore(db, ws, 'a2', { date: today, score: 90, band: 'green' });
  await insertHealthScore(db, ws, 'a3', { date: daysAgo(5), score: 55, band: 'yellow' });
  await insertHealthScore(db, ws, 'a5', { date: today, score: 60, band: 'yellow' });
  await insertHealthScore(db, ws, 'a6', { date: today, score: 10, band: 'red' });
  await insertAccounts(db, other, [{ id: 'b1' }]);
  await insertHealthScore(db, other, 'b1', { date: today, score: 5, band: 'red' });
  const segment = (workspaceId: string, id: string, name: string, ids: string[]) =>
    createSegment({ db, workspaceId, id, name, filter: `id in (${ids.map((i) => `"${i}"`).join(', ')})` });
  await segment(ws, 'all', 'All five', ['a1', 'a2', 'a3', 'a4', 'a5']);
  await segment(ws, 'mixed', 'Mixed', ['a3', 'a4', 'a6']);
  await segment(ws, 'empty', 'Empty', ['nobody']);
  await segment(other, 'all', 'Theirs', ['b1']);
});
afterAll(() => store.close());

describe(`findHealthBySegment (${engineName})`, () => {
  it("counts each segment's members by their latest band, by segment name", async () => {
    const result = await findHealthBySegment({ db: store.db, workspaceId: ws });
    expect(result.date).toBe(today);
    expect(result.segments).toEqual([
      { segment_id: 'all', name: 'All five', members: 5, red: 1, yellow: 2, green: 1, unscored: 1 },
      { segment_id: 'empty', name: 'Empty', members: 0, red: 0, yellow: 0, green: 0, unscored: 0 },
      { segment_id: 'mixed', name: 'Mixed', members: 3, red: 1, yellow: 1, green: 0, unscored: 1 },
    ]);
  });

  it('gives the same numbers as counting the account table per segment and band filter', async () => {
    const count = async (segmentId: string, band?: string) =>
      (
        await searchAccounts({
          db: store.db,
          workspaceId: ws,
          segmentId,
          filter: band ? `health_band = "${band}"` : undefined,
          limit: 1,
        })
      ).total;
    const { segments } = await findHealthBySegment({ db: store.db, workspaceId: ws });
    for (const row of segments) {
      const [members, red, yellow, green] = await Promise.all([
        count(row.segment_id),
        count(row.segment_id, 'red'),
        count(row.segment_id, 'yellow'),
        count(row.segment_id, 'green'),
      ]);
      expect(row).toMatchObject({ members, red, yellow, green, unscored: members - red - yellow - green });
    }
  });

  it('reads a past day as of its own scores, even when nothing was scored that day', async () => {
    // Yesterday: no score that day; a2 red from 3 days ago, a3 yellow from 5 days ago, the rest unscored.
    const yesterday = await findHealthBySegment({ db: store.db, workspaceId: ws, at: daysAgo(1) });
    expect(yesterday.date).toBe(daysAgo(1));
    expect(yesterday.segments.find((s) => s.segment_id === 'all')).toMatchObject({
      members: 5,
      red: 1,
      yellow: 1,
      green: 0,
      unscored: 3,
    });
    const before = await findHealthBySegment({ db: store.db, workspaceId: ws, at: daysAgo(10) });
    expect(before.segments.find((s) => s.segment_id === 'all')).toMatchObject({ members: 5, unscored: 5 });
  });

  it("never counts another workspace's segments or scores", async () => {
    const theirs = await findHealthBySegment({ db: store.db, workspaceId: other });
    expect(theirs.segments).toEqual([
      { segment_id: 'all', name: 'Theirs', members: 1, red: 1, yellow: 0, green: 0, unscored: 0 },
    ]);
  });
});
