import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { backfillHealth } from './backfill-health.ts';
import { createScorecard } from './create-scorecard.ts';
import { findHealthScores } from './find-health-scores.ts';
import { getAccountHealth } from './get-account-health.ts';
import { insertAccount, insertLogins, insertTicket, TEST_SCORECARD } from './health-test-factories.ts';

let store: TStore;
const ws = 'ws-g';

/**
 * a1 logs in twice a day in January and once a day in February; a ticket opened Jan 5 is solved Jan 20,
 * another opened Feb 5 stays open. a2 logs in 10 times a day throughout and never opens a ticket.
 */
beforeAll(async () => {
  store = await openTestStore();
  const db = store.db;
  await createTestWorkspace(store, ws);
  await createScorecard({ db, workspaceId: ws, id: 'main', definition: TEST_SCORECARD, isDefault: true });
  await insertAccount(db, ws, 'a1', 'Acme');
  await insertAccount(db, ws, 'a2', 'Globex');
  await insertLogins(db, ws, 'a1', { from: '2026-01-01', to: '2026-01-31', quantity: 2 });
  await insertLogins(db, ws, 'a1', { from: '2026-02-01', to: '2026-02-10', quantity: 1 });
  await insertLogins(db, ws, 'a2', { from: '2026-01-01', to: '2026-02-10', quantity: 10 });
  await insertTicket(db, ws, 'a1', { openedAt: '2026-01-05', resolvedAt: '2026-01-20' });
  await insertTicket(db, ws, 'a1', { openedAt: '2026-02-05' });
  await backfillHealth({ db, workspaceId: ws, from: '2026-01-01', to: '2026-02-10' });
});
afterAll(() => store.close());

describe(`getAccountHealth (${engineName})`, () => {
  it('explains the score measure by measure, and the contributions add up to it', async () => {
    // Feb 10: logins Feb 4–10 = 7 → 70; one open ticket → 75; equal weights: 35 + 37.5 = 72.5, green.
    const health = await getAccountHealth({
      db: store.db,
      workspaceId: ws,
      accountId: 'a1',
      at: '2026-02-10',
    });
    expect(health).toMatchObject({
      account_id: 'a1',
      name: 'Acme',
      date: '2026-02-10',
      score: 72.5,
      band: 'green',
      scorecard: { id: 'main', version: 1, name: 'Test scorecard' },
      missing: [],
    });
    expect(health.explanation.map((m) => [m.key, m.value, m.score, m.weight, m.contribution])).toEqual([
      ['open_tickets', 1, 75, 1, 37.5],
      ['logins', 7, 70, 1, 35],
    ]);
    expect(health.explanation.reduce((sum, m) => sum + m.contribution, 0)).toBe(health.score);
    expect(health.trend).toHaveLength(41);
    expect(health.trend.at(0)).toMatchObject({ date: '2026-01-01' });
    expect(health.trend.at(-1)).toEqual({ date: '2026-02-10', score: 72.5, band: 'green' });
  });

  it('says what changed most since 7 and 30 days ago', async () => {
    const { changes } = await getAccountHealth({
      db: store.db,
      workspaceId: ws,
      accountId: 'a1',
      at: '2026-02-10',
    });
    // Feb 3: logins Jan 28–31 (2 × 4) + Feb 1–3 (3) = 11 → 100, no open ticket → 100: score 100.
    expect(changes.since_7_days).toMatchObject({
      date: '2026-02-03',
      score_then: 100,
      score_now: 72.5,
      delta: -27.5,
    });
    expect(changes.since_7_days?.measures).toEqual([
      {
        key: 'logins',
        label: 'Logins (7 days)',
        value_then: 11,
        value_now: 7,
        contribution_then: 50,
        contribution_now: 35,
        delta: -15,
      },
      {
        key: 'open_tickets',
        label: 'Open tickets',
        value_then: 0,
        value_now: 1,
        contribution_then: 50,
        contribution_now: 37.5,
        delta: -12.5,
      },
    ]);
    // Jan 11: logins 14 → 100, the Jan 5 ticket open → 75: 87.5. Only logins moved since.
    expect(changes.since_30_days).toMatchObject({ date: '2026-01-11', score_then: 87.5, delta: -15 });
    expect(changes.since_30_days?.measures.map((m) => [m.key, m.delta])).toEqual([
      ['logins', -15],
      ['open_tickets', 0],
    ]);
  });

  it('computes and stores a day that has no score yet; an unknown account is not found', async () => {
    const health = await getAccountHealth({
      db: store.db,
      workspaceId: ws,
      accountId: 'a2',
      at: '2026-02-11',
    });
    // Logins Feb 5–10 = 60 → 100, no ticket → 100.
    expect(health).toMatchObject({ score: 100, band: 'green' });
    await expect(
      getAccountHealth({ db: store.db, workspaceId: ws, accountId: 'nope', at: '2026-02-10' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe(`findHealthScores (${engineName})`, () => {
  it('lists the portfolio from the lowest score with 7 and 30-day deltas and the band distribution', async () => {
    const result = await findHealthScores({ db: store.db, workspaceId: ws, at: '2026-02-10' });
    expect(result).toMatchObject({
      date: '2026-02-10',
      total: 2,
      distribution: { red: 0, yellow: 0, green: 2 },
    });
    expect(
      result.accounts.map((a) => [a.account_id, a.name, a.score, a.delta_7d, a.delta_30d, a.trend_30d]),
    ).toEqual([
      ['a1', 'Acme', 72.5, -27.5, -15, -15],
      ['a2', 'Globex', 100, 0, 0, 0],
    ]);
    expect(result.accounts[0]?.measures[0]).toMatchObject({
      id: 'open_tickets',
      contribution: 37.5,
      missing: false,
    });
    const page = await findHealthScores({
      db: store.db,
      workspaceId: ws,
      at: '2026-02-10',
      limit: 1,
      offset: 1,
    });
    expect(page.accounts.map((a) => a.account_id)).toEqual(['a2']);
    // The biggest movers: by 7-day change, falls first (a1 −27.5, a2 0) or rises first.
    const byChange = async (sort: 'delta_7d' | '-delta_7d') =>
      (await findHealthScores({ db: store.db, workspaceId: ws, at: '2026-02-10', sort })).accounts.map(
        (a) => [a.account_id, a.delta_7d],
      );
    expect(await byChange('delta_7d')).toEqual([
      ['a1', -27.5],
      ['a2', 0],
    ]);
    expect(await byChange('-delta_7d')).toEqual([
      ['a2', 0],
      ['a1', -27.5],
    ]);
    const red = await findHealthScores({ db: store.db, workspaceId: ws, at: '2026-02-10', band: 'red' });
    expect(red).toMatchObject({ total: 0, accounts: [] });
  });
});
