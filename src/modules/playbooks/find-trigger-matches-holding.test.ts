import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { isTriggerHolding } from './find-trigger-matches.ts';
import { type TTrigger, ZTrigger } from './trigger-schema.ts';
import { insertAccount, insertOpenInvoice, insertPayment } from './trigger-test-factories.ts';

const ws = 'triggers-holding';
const NOW = new Date('2024-06-15T12:00:00Z');

describe(`isTriggerHolding, event kinds (${engineName})`, () => {
  let store: TStore;
  const holds = (trigger: unknown, accountId: string, context?: Record<string, unknown>) =>
    isTriggerHolding({
      db: store.db,
      workspaceId: ws,
      trigger: ZTrigger.parse(trigger) as TTrigger,
      accountId,
      now: NOW,
      context,
    });

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, ws);
    for (const id of ['a', 'b']) await insertAccount(db, ws, id);
    await db
      .insertInto('health_scorecards')
      .values({ workspace_id: ws, id: 'sc', version: 1, name: 'Test', definition: '{}' })
      .execute();
    const score = (account_id: string, date: string, band: 'red' | 'green') =>
      db
        .insertInto('health_scores')
        .values({
          workspace_id: ws,
          account_id,
          date,
          scorecard_id: 'sc',
          scorecard_version: 1,
          score: 50,
          band,
          measures: '{}',
        })
        .execute();
    await score('a', '2024-06-10', 'red');
    await score('b', '2024-06-10', 'red');
    await score('b', '2024-06-14', 'green');
    await score('a', '2024-06-16', 'green'); // tomorrow: not known at `now`
    await db
      .insertInto('account_profiles')
      .values([
        { workspace_id: ws, account_id: 'a', tier: 'core', stage: 'onboarding' },
        { workspace_id: ws, account_id: 'b', tier: 'core', stage: 'adoption' },
      ])
      .execute();
    await db
      .insertInto('segments')
      .values({ workspace_id: ws, id: 'seg', name: 'seg', filter: 'mrr > 0' })
      .execute();
    await db
      .insertInto('segment_memberships')
      .values({ workspace_id: ws, segment_id: 'seg', account_id: 'a' })
      .execute();
    await insertOpenInvoice(db, ws, 'a', 'inv-a');
    await insertOpenInvoice(db, ws, 'b', 'inv-b');
    const at = '2024-06-14T10:00:00Z';
    await insertPayment(db, ws, {
      id: 'pa',
      invoiceId: 'inv-a',
      at,
      outcome: 'failed',
      failureCode: 'insufficient_funds',
    });
    await insertPayment(db, ws, {
      id: 'pb1',
      invoiceId: 'inv-b',
      at,
      outcome: 'failed',
      failureCode: 'insufficient_funds',
    });
    await insertPayment(db, ws, {
      id: 'pb2',
      invoiceId: 'inv-b',
      at: '2024-06-15T10:00:00Z',
      outcome: 'succeeded',
    });
  });
  afterAll(async () => {
    await store.close();
  });

  it('health_band_changed holds while the latest band at `now` is in `to`', async () => {
    expect(await holds({ kind: 'health_band_changed', to: ['red'] }, 'a')).toBe(true);
    expect(await holds({ kind: 'health_band_changed', to: ['red'] }, 'b')).toBe(false);
  });

  it('stage_changed holds while the current stage is in `to`', async () => {
    expect(await holds({ kind: 'stage_changed', to: ['onboarding'] }, 'a')).toBe(true);
    expect(await holds({ kind: 'stage_changed', to: ['onboarding'] }, 'b')).toBe(false);
  });

  it('segment_entered holds while a member, segment_left while not', async () => {
    expect(await holds({ kind: 'segment_entered', segment_id: 'seg' }, 'a')).toBe(true);
    expect(await holds({ kind: 'segment_entered', segment_id: 'seg' }, 'b')).toBe(false);
    expect(await holds({ kind: 'segment_left', segment_id: 'seg' }, 'a')).toBe(false);
    expect(await holds({ kind: 'segment_left', segment_id: 'seg' }, 'b')).toBe(true);
  });

  it('payment_failed holds while the invoice is unpaid', async () => {
    expect(await holds({ kind: 'payment_failed' }, 'a', { invoice_id: 'inv-a' })).toBe(true);
    expect(await holds({ kind: 'payment_failed' }, 'b', { invoice_id: 'inv-b' })).toBe(false);
    expect(await holds({ kind: 'payment_failed' }, 'b')).toBe(false);
    await store.db.updateTable('invoices').set({ status: 'paid' }).where('id', '=', 'inv-a').execute();
    expect(await holds({ kind: 'payment_failed' }, 'a')).toBe(false);
  });

  it('the other event kinds always hold', async () => {
    expect(await holds({ kind: 'survey_answered', category: 'detractor' }, 'a')).toBe(true);
    expect(await holds({ kind: 'account_churned' }, 'a')).toBe(true);
  });
});
