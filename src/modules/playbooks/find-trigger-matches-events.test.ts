import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { insertInvoice } from '../revenue/test-factories.ts';
import { findTriggerMatches, type TTriggerMatch } from './find-trigger-matches.ts';
import { type TTrigger, ZTrigger } from './trigger-schema.ts';
import {
  insertEvent,
  insertLifecycleEvent,
  insertOpenInvoice,
  insertPayment,
  insertSubscription,
  insertSurveyResponse,
} from './trigger-test-factories.ts';

const ws = 'triggers-events';
const other = 'triggers-other';
const SINCE = new Date('2024-06-15T11:00:00Z');
const NOW = new Date('2024-06-15T12:00:00Z');
const LATER = new Date('2024-06-15T13:00:00Z');

describe(`findTriggerMatches, event kinds (${engineName})`, () => {
  let store: TStore;
  const keys: Record<string, string> = {};
  const find = (trigger: unknown, window: { since?: Date; now?: Date } = {}) =>
    findTriggerMatches({
      db: store.db,
      workspaceId: ws,
      trigger: ZTrigger.parse(trigger) as TTrigger,
      since: window.since ?? SINCE,
      now: window.now ?? NOW,
    });
  const pairs = (matches: TTriggerMatch[]) => matches.map((m) => [m.accountId, m.occurrenceKey]);

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, ws);
    await createTestWorkspace(store, other);
    const band = (accountId: string, at: string, from: string, to: string, workspace = ws) =>
      insertLifecycleEvent(db, workspace, { accountId, type: 'health_band_changed', at, from, to });
    keys.toRed = await band('a1', '2024-06-15T11:30:00Z', 'yellow', 'red');
    keys.toYellow = await band('a2', '2024-06-15T11:30:00Z', 'green', 'yellow');
    await band('a3', '2024-06-15T11:00:00Z', 'yellow', 'red'); // at `since`: the previous evaluation saw it
    keys.atNow = await band('a4', '2024-06-15T12:00:00Z', 'yellow', 'red');
    await band('a5', '2024-06-15T12:00:01Z', 'yellow', 'red'); // after `now`: the next evaluation
    await band('a1', '2024-06-15T11:30:00Z', 'yellow', 'red', other);

    keys.firstStage = await insertLifecycleEvent(db, ws, {
      accountId: 's1',
      type: 'stage_changed',
      at: '2024-06-15T11:10:00Z',
      from: null,
      to: 'onboarding',
    });
    keys.trialToOnboarding = await insertLifecycleEvent(db, ws, {
      accountId: 's2',
      type: 'stage_changed',
      at: '2024-06-15T11:20:00Z',
      from: 'trial',
      to: 'onboarding',
    });
    await insertLifecycleEvent(db, ws, {
      accountId: 's3',
      type: 'stage_changed',
      at: '2024-06-15T11:20:00Z',
      from: 'adoption',
      to: 'at_risk',
    });

    for (const id of ['seg-a', 'seg-b'])
      await db.insertInto('segments').values({ workspace_id: ws, id, name: id, filter: 'mrr > 0' }).execute();
    keys.entered = await insertLifecycleEvent(db, ws, {
      accountId: 'g1',
      type: 'segment_entered',
      at: '2024-06-15T11:05:00Z',
      segmentId: 'seg-a',
    });
    await insertLifecycleEvent(db, ws, {
      accountId: 'g2',
      type: 'segment_entered',
      at: '2024-06-15T11:05:00Z',
      segmentId: 'seg-b',
    });
    keys.left = await insertLifecycleEvent(db, ws, {
      accountId: 'g3',
      type: 'segment_left',
      at: '2024-06-15T11:05:00Z',
      segmentId: 'seg-a',
    });

    const answer = (id: string, accountId: string, survey: string, score: number, workspace = ws) =>
      insertSurveyResponse(db, workspace, { id, accountId, survey, score, at: '2024-06-15T11:45:00Z' });
    await answer('nps-6', 'n6', 'nps', 6);
    await answer('nps-7', 'n7', 'nps', 7);
    await answer('nps-8', 'n8', 'nps', 8);
    await answer('nps-9', 'n9', 'nps', 9);
    await answer('nps-10', 'n10', 'nps', 10);
    await answer('csat-2', 'c2', 'csat', 2);
    await answer('csat-3', 'c3', 'csat', 3);
    await answer('csat-4', 'c4', 'csat', 4);
    await answer('nps-other', 'n0', 'nps', 0, other);
    await insertSurveyResponse(db, ws, {
      id: 'nps-old',
      accountId: 'n1',
      survey: 'nps',
      score: 1,
      at: '2024-06-14T11:45:00Z',
    });

    await insertOpenInvoice(db, ws, 'p1', 'inv-p1');
    await insertOpenInvoice(db, ws, 'p2', 'inv-p2');
    await insertOpenInvoice(db, ws, 'p3', 'inv-p3');
    await insertOpenInvoice(db, other, 'p1', 'inv-p1');
    const at = '2024-06-15T11:15:00Z';
    await insertPayment(db, ws, {
      id: 'pay-hard',
      invoiceId: 'inv-p1',
      at,
      outcome: 'failed',
      failureCode: 'stolen_card',
    });
    await insertPayment(db, ws, {
      id: 'pay-soft',
      invoiceId: 'inv-p2',
      at,
      outcome: 'failed',
      failureCode: 'insufficient_funds',
    });
    await insertPayment(db, ws, { id: 'pay-ok', invoiceId: 'inv-p3', at, outcome: 'succeeded' });
    await insertPayment(db, other, {
      id: 'pay-x',
      invoiceId: 'inv-p1',
      at,
      outcome: 'failed',
      failureCode: 'stolen_card',
    });

    // Monthly 100: ch1 until 2024-06-15 (churns that day), ch2 until 2024-06-20 (churns later).
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'ch1',
      lines: [{ subscriptionId: 'sub-ch1', start: '2024-05-15', end: '2024-06-15', amount: 100 }],
    });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'ch2',
      lines: [{ subscriptionId: 'sub-ch2', start: '2024-05-20', end: '2024-06-20', amount: 100 }],
    });
    await recomputeMovements({ db, workspaceId: ws });

    await insertSubscription(db, ws, {
      id: 'sub-x1',
      accountId: 'x1',
      cancelledAt: '2024-06-15T11:30:00Z',
      reason: 'too_expensive',
    });
    await insertSubscription(db, ws, {
      id: 'sub-x2',
      accountId: 'x2',
      cancelledAt: '2024-06-15T11:40:00Z',
      reason: 'missing_feature',
    });
    await insertSubscription(db, ws, {
      id: 'sub-x3',
      accountId: 'x3',
      cancelledAt: '2024-06-14T11:40:00Z',
      reason: 'too_expensive',
    });
    await insertSubscription(db, ws, { id: 'sub-x4', accountId: 'x4' });

    keys.export = await insertEvent(db, ws, {
      accountId: 'e1',
      name: 'report_exported',
      at: '2024-06-15T11:50:00Z',
      properties: { format: 'pdf' },
    });
    await insertEvent(db, ws, { accountId: 'e2', name: 'login', at: '2024-06-15T11:50:00Z' });
    await insertEvent(db, other, { accountId: 'e1', name: 'report_exported', at: '2024-06-15T11:50:00Z' });
  });
  afterAll(async () => {
    await store.close();
  });

  it('health_band_changed: band changes into `to` in (since, now], never another workspace', async () => {
    const matches = await find({ kind: 'health_band_changed', to: ['red'] });
    expect(pairs(matches)).toEqual([
      ['a1', keys.toRed],
      ['a4', keys.atNow],
    ]);
    expect(matches[0]?.context).toEqual({ from: 'yellow', to: 'red' });
    expect(pairs(await find({ kind: 'health_band_changed', from: ['green'] }))).toEqual([
      ['a2', keys.toYellow],
    ]);
  });

  it('event kinds give the same key when evaluated again, and nothing in the next window', async () => {
    const trigger = { kind: 'health_band_changed', to: ['red'] };
    const first = pairs(await find(trigger));
    expect(pairs(await find(trigger))).toEqual(first);
    expect(pairs(await find(trigger, { since: NOW, now: LATER }))).toEqual([['a5', expect.any(String)]]);
    const wider = pairs(await find(trigger, { now: LATER }));
    expect(wider.slice(0, 2)).toEqual(first);
  });

  it('stage_changed: a first classification (no from) matches only a trigger without `from`', async () => {
    expect(pairs(await find({ kind: 'stage_changed', to: ['onboarding'] }))).toEqual([
      ['s1', keys.firstStage],
      ['s2', keys.trialToOnboarding],
    ]);
    expect(pairs(await find({ kind: 'stage_changed', from: ['trial'], to: ['onboarding'] }))).toEqual([
      ['s2', keys.trialToOnboarding],
    ]);
  });

  it('segment_entered / segment_left: only that segment', async () => {
    const entered = await find({ kind: 'segment_entered', segment_id: 'seg-a' });
    expect(pairs(entered)).toEqual([['g1', keys.entered]]);
    expect(entered[0]?.context).toEqual({ segment_id: 'seg-a' });
    expect(pairs(await find({ kind: 'segment_left', segment_id: 'seg-a' }))).toEqual([['g3', keys.left]]);
  });

  it('survey_answered: NPS 0–6 detractor, 7–8 passive, 9–10 promoter; CSAT 1–2, 3, 4–5', async () => {
    const accounts = async (trigger: unknown) => (await find(trigger)).map((m) => m.accountId).sort();
    expect(await accounts({ kind: 'survey_answered', category: 'detractor' })).toEqual(['n6']);
    expect(await accounts({ kind: 'survey_answered', category: 'passive' })).toEqual(['n7', 'n8']);
    expect(await accounts({ kind: 'survey_answered', category: 'promoter' })).toEqual(['n10', 'n9']);
    expect(await accounts({ kind: 'survey_answered', survey: 'csat', category: 'detractor' })).toEqual([
      'c2',
    ]);
    expect(await accounts({ kind: 'survey_answered', survey: 'csat', category: 'passive' })).toEqual(['c3']);
    expect(await accounts({ kind: 'survey_answered', survey: 'csat', category: 'promoter' })).toEqual(['c4']);
    expect(await accounts({ kind: 'survey_answered', survey: 'unknown', category: 'promoter' })).toEqual([]);
    const [match] = await find({ kind: 'survey_answered', category: 'detractor' });
    expect(match).toMatchObject({
      occurrenceKey: 'nps-6',
      context: { score: 6, survey: 'nps', comment: null, contact_id: null, category: 'detractor' },
    });
  });

  it('payment_failed: hard or soft by the decline code; key is the payment id', async () => {
    expect(pairs(await find({ kind: 'payment_failed' }))).toEqual([
      ['p1', 'pay-hard'],
      ['p2', 'pay-soft'],
    ]);
    expect(pairs(await find({ kind: 'payment_failed', decline: 'hard' }))).toEqual([['p1', 'pay-hard']]);
    const soft = await find({ kind: 'payment_failed', decline: 'soft' });
    expect(pairs(soft)).toEqual([['p2', 'pay-soft']]);
    expect(soft[0]?.context).toEqual({
      invoice_id: 'inv-p2',
      failure_code: 'insufficient_funds',
      decline: 'soft',
      amount: '49.00',
      currency: 'USD',
    });
  });

  it('account_churned: a churn movement occurs at the start of its local day', async () => {
    const day = { since: new Date('2024-06-14T12:00:00Z'), now: NOW };
    const matches = await find({ kind: 'account_churned' }, day);
    expect(pairs(matches)).toEqual([['ch1', 'churn:ch1:2024-06-15']]);
    expect(matches[0]?.occurredAt.toISOString()).toBe('2024-06-15T00:00:00.000Z');
    expect(matches[0]?.context).toEqual({ mrr: '100.00', date: '2024-06-15' });
    expect(pairs(await find({ kind: 'account_churned' }, day))).toEqual([['ch1', 'churn:ch1:2024-06-15']]);
    expect(
      pairs(await find({ kind: 'account_churned' }, { since: NOW, now: new Date('2024-06-20T00:00:00Z') })),
    ).toEqual([['ch2', 'churn:ch2:2024-06-20']]);
  });

  it('cancelled: cancellations in the window, optionally for given reasons', async () => {
    expect(pairs(await find({ kind: 'cancelled' }))).toEqual([
      ['x1', 'cancelled:sub-x1:2024-06-15T11:30:00.000Z'],
      ['x2', 'cancelled:sub-x2:2024-06-15T11:40:00.000Z'],
    ]);
    const expensive = await find({ kind: 'cancelled', reasons: ['too_expensive'] });
    expect(pairs(expensive)).toEqual([['x1', 'cancelled:sub-x1:2024-06-15T11:30:00.000Z']]);
    expect(expensive[0]?.context).toEqual({
      subscription_id: 'sub-x1',
      reason: 'too_expensive',
      comment: null,
    });
  });

  it('custom_event: events of that name; the context is their properties', async () => {
    const matches = await find({ kind: 'custom_event', event: 'report_exported' });
    expect(pairs(matches)).toEqual([['e1', keys.export]]);
    expect(matches[0]?.context).toEqual({ format: 'pdf' });
  });
});
