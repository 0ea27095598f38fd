import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { findMovementLines } from './find-movement-lines.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { insertFxRate, insertInvoice } from './test-factories.ts';

const ws = 'trace';

describe(`findMovementLines (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, ws);
    await insertFxRate(db, ws, 'EUR', '2024-01-01', '1.1');
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'swap',
      id: 'i1',
      lines: [{ subscriptionId: 'a', planId: 'basic', start: '2024-01-01', end: '2024-02-01', amount: '80' }],
    });
    await insertInvoice(db, {
      workspaceId: ws,
      accountId: 'swap',
      id: 'i2',
      currency: 'EUR',
      lines: [
        {
          subscriptionId: 'b',
          planId: 'pro',
          start: '2024-02-01',
          end: '2024-03-01',
          amount: '200',
          discount: '20',
        },
      ],
    });
    await recomputeMovements({ db, workspaceId: ws });
  });
  afterAll(() => store.close());

  it('traces a plan change to the line that ended and the line that started, summing to the movement', async () => {
    const { movement, lines } = await findMovementLines({
      db: store.db,
      workspaceId: ws,
      accountId: 'swap',
      date: '2024-02-01',
    });
    // (200 − 20) EUR × 1.1 = 198 USD replaces 80 USD.
    expect(movement).toMatchObject({ type: 'expansion', amount: 118, mrr_before: 80, mrr_after: 198 });
    expect(lines.map(({ id, ...rest }) => rest)).toEqual([
      {
        invoice_id: 'i2',
        plan_id: 'pro',
        subscription_id: 'b',
        service_start: '2024-02-01',
        service_end: '2024-03-01',
        amount: 200,
        discount: 20,
        currency: 'EUR',
        fx_rate: 1.1,
        mrr: 198,
        effect: 'starts',
      },
      {
        invoice_id: 'i1',
        plan_id: 'basic',
        subscription_id: 'a',
        service_start: '2024-01-01',
        service_end: '2024-02-01',
        amount: 80,
        discount: 0,
        currency: 'USD',
        fx_rate: 1,
        mrr: 80,
        effect: 'ends',
      },
    ]);
    const signed = lines.reduce((sum, l) => sum + (l.effect === 'starts' ? l.mrr : -l.mrr), 0);
    expect(signed).toBeCloseTo(movement.mrr_after - movement.mrr_before, 9);
  });

  it('says not found where the account did not move', async () => {
    await expect(
      findMovementLines({ db: store.db, workspaceId: ws, accountId: 'swap', date: '2024-01-15' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
