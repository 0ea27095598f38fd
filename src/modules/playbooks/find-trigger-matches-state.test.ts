import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from '../revenue/test-factories.ts';
import { findTriggerMatches, isTriggerHolding } from './find-trigger-matches.ts';
import { type TTrigger, ZTrigger } from './trigger-schema.ts';
import { insertAccount, insertSubscription, insertUsageDays } from './trigger-test-factories.ts';

const ws = 'triggers-state';
const other = 'triggers-state-other';
const NOW = new Date('2024-06-15T12:00:00Z');
const SAME_DAY_LATER = new Date('2024-06-15T23:00:00Z');

describe(`findTriggerMatches, state kinds (${engineName})`, () => {
  let store: TStore;
  const parse = (trigger: unknown) => ZTrigger.parse(trigger) as TTrigger;
  /** [account, key] of the matches whose account id starts with `prefix` (each kind has its own accounts). */
  const find = async (trigger: unknown, prefix: string, now = NOW, workspaceId = ws) =>
    (await findTriggerMatches({ db: store.db, workspaceId, trigger: parse(trigger), since: now, now }))
      .filter((m) => m.accountId.startsWith(prefix))
      .map((m) => [m.accountId, m.occurrenceKey]);
  const holds = (trigger: unknown, accountId: string, now = NOW) =>
    isTriggerHolding({ db: store.db, workspaceId: ws, trigger: parse(trigger), accountId, now });

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, ws);
    await createTestWorkspace(store, other);
    /** A customer by an active subscription (no MRR needed). */
    const customer = (accountId: string, workspaceId = ws) =>
      insertSubscription(db, workspaceId, { id: `sub-${accountId}`, accountId });

    for (const workspaceId of [ws, other])
      await db
        .insertInto('health_scorecards')
        .values({ workspace_id: workspaceId, id: 'sc', version: 1, name: 'Test', definition: '{}' })
        .execute();
    const scores = async (accountId: string, byDate: Record<string, number>, workspaceId = ws) => {
      await insertAccount(db, workspaceId, accountId);
      for (const [date, score] of Object.entries(byDate))
        await db
          .insertInto('health_scores')
          .values({
            workspace_id: workspaceId,
            account_id: accountId,
            date,
            scorecard_id: 'sc',
            scorecard_version: 1,
            score,
            band: score >= 70 ? 'green' : score >= 40 ? 'yellow' : 'red',
            measures: '{}',
          })
          .execute();
    };
    for (const id of ['h1', 'h2', 'h3']) await customer(id);
    await scores('h1', { '2024-06-08': 80, '2024-06-15': 70 }); // exactly 10 points in exactly 7 days
    await scores('h2', { '2024-06-08': 80, '2024-06-15': 71 }); // 9 points
    await scores('h3', { '2024-06-07': 75, '2024-06-09': 90, '2024-06-15': 70 }); // 5 below the score 7 days ago
    await scores('h4', { '2024-06-08': 80, '2024-06-15': 10 }); // not a customer
    await customer('h1', other);
    await scores('h1', { '2024-06-08': 90, '2024-06-15': 85 }, other);

    for (const id of ['u1', 'u2', 'u3', 'u4']) await customer(id);
    const days = (...list: string[]) => list.map((d) => `2024-06-${d}`);
    await insertUsageDays(db, ws, 'u1', {
      name: 'export',
      days: days('09', '10', '11', '12', '13', '16'),
      events: 1,
    });
    await insertUsageDays(db, ws, 'u2', { name: 'export', days: days('08'), events: 5 }); // a day too early
    await insertUsageDays(db, ws, 'u3', { name: 'export', days: days('15'), events: 4 }); // one short
    await insertUsageDays(db, ws, 'u4', { name: 'login', days: days('15'), events: 9 }); // another event
    await insertUsageDays(db, ws, 'u5', { name: 'export', days: days('15'), events: 9 }); // not a customer

    for (const id of ['i1', 'i2', 'i3', 'i4']) await customer(id);
    await insertUsageDays(db, ws, 'i1', { name: 'login', days: days('01', '08'), events: 1 }); // exactly 7 days idle
    await insertUsageDays(db, ws, 'i2', { name: 'login', days: days('09'), events: 1 });
    await db
      .updateTable('accounts')
      .set({ created_at: '2024-06-08T10:00:00Z' })
      .where('id', '=', 'i3')
      .execute();
    await db
      .updateTable('accounts')
      .set({ created_at: '2024-06-09T10:00:00Z' })
      .where('id', '=', 'i4')
      .execute();
    await insertUsageDays(db, ws, 'i5', { name: 'login', days: days('01'), events: 1 }); // not a customer

    const yearly = (accountId: string, start: string, end: string) =>
      insertInvoice(db, {
        workspaceId: ws,
        accountId,
        lines: [{ subscriptionId: `sub-${accountId}`, start, end, amount: 1200 }],
      });
    await yearly('r1', '2023-07-15', '2024-07-15'); // renews in exactly 30 days
    await yearly('r2', '2023-07-16', '2024-07-16'); // in 31 days
    await yearly('r4', '2023-07-01', '2024-07-01'); // cancelled: does not renew
    await insertSubscription(db, ws, {
      id: 'sub-r4',
      accountId: 'r4',
      status: 'cancelled',
      cancelledAt: '2024-06-01T00:00:00Z',
    });
    await yearly('r5', '2023-06-15', '2024-06-15'); // ended today
    for (const p of monthlyPeriods('2024-06-01', 1))
      await insertInvoice(db, {
        workspaceId: ws,
        accountId: 'r3',
        lines: [{ subscriptionId: 'sub-r3', ...p, amount: 100 }],
      });
    await recomputeMovements({ db, workspaceId: ws });

    for (const id of ['k1', 'k2']) await customer(id);
    await insertAccount(db, ws, 'k3');
    const card = (accountId: string, expMonth: number) =>
      db
        .insertInto('payment_methods')
        .values({
          workspace_id: ws,
          id: `pm-${accountId}`,
          account_id: accountId,
          type: 'card',
          exp_month: expMonth,
          exp_year: 2024,
          is_default: true,
        })
        .execute();
    await card('k1', 6);
    await card('k2', 8);
    await card('k3', 6);
  });
  afterAll(async () => {
    await store.close();
  });

  it('health_dropped: latest score at least `points` below the score `days` days earlier, customers only', async () => {
    const trigger = { kind: 'health_dropped', points: 10, days: 7 };
    expect(await find(trigger, 'h')).toEqual([['h1', 'health_dropped:h1:2024-06-15']]);
    expect(await find(trigger, 'h', SAME_DAY_LATER)).toEqual([['h1', 'health_dropped:h1:2024-06-15']]);
    expect(await find(trigger, 'h', NOW, other)).toEqual([]);
    expect(await holds(trigger, 'h1')).toBe(true);
    expect(await holds(trigger, 'h2')).toBe(false);
  });

  it('usage_pattern: at least min_count events in the last `days` days; one key per block of `days` days', async () => {
    const trigger = { kind: 'usage_pattern', event: 'export', min_count: 5, days: 7 };
    // 2024-06-15 is in the 7-day block that starts on 2024-06-13 (day 19887 since 1970-01-01).
    expect(await find(trigger, 'u')).toEqual([['u1', 'usage_pattern:u1:export:2024-06-13']]);
    expect(await find(trigger, 'u', new Date('2024-06-16T12:00:00Z'))).toEqual([
      ['u1', 'usage_pattern:u1:export:2024-06-13'],
    ]);
    expect(await holds(trigger, 'u1')).toBe(true);
    expect(await holds(trigger, 'u3')).toBe(false);
  });

  it('inactive: customers without any event for `days` days; keyed by the last active day', async () => {
    const trigger = { kind: 'inactive', days: 7 };
    expect(await find(trigger, 'i')).toEqual([
      ['i1', 'inactive:i1:2024-06-08'],
      ['i3', 'inactive:i3:never'],
    ]);
    expect(await find(trigger, 'i1', new Date('2024-06-20T12:00:00Z'))).toEqual([
      ['i1', 'inactive:i1:2024-06-08'],
    ]);
    expect(await holds(trigger, 'i2')).toBe(false);
  });

  it('renewal_due: the current contract period ends after today and within `days` days', async () => {
    const trigger = { kind: 'renewal_due', days: 30 };
    expect(await find(trigger, 'r')).toEqual([['r1', 'renewal_due:sub-r1:2024-07-15:30']]);
    expect(await find(trigger, 'r', new Date('2024-07-01T12:00:00Z'))).toEqual([
      ['r1', 'renewal_due:sub-r1:2024-07-15:30'],
      ['r2', 'renewal_due:sub-r2:2024-07-16:30'],
    ]);
    const [match] = await findTriggerMatches({
      db: store.db,
      workspaceId: ws,
      trigger: parse(trigger),
      since: NOW,
      now: NOW,
    });
    expect(match?.context).toEqual({
      subscription_id: 'sub-r1',
      renewal_date: '2024-07-15',
      days_left: 30,
      mrr: '100.00',
    });
  });

  it('card_expiring: default cards of customers expiring within `days` days', async () => {
    const trigger = { kind: 'card_expiring', days: 30 };
    expect(await find(trigger, 'k')).toEqual([['k1', 'card_expiring:pm-k1:2024-06-30']]);
    expect(await find(trigger, 'k', new Date('2024-06-29T12:00:00Z'))).toEqual([
      ['k1', 'card_expiring:pm-k1:2024-06-30'],
    ]);
  });
});
