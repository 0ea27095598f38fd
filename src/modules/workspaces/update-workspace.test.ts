import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { getMrr } from '../revenue/get-mrr.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { insertInvoice } from '../revenue/test-factories.ts';
import { ensureWorkspace } from './ensure-workspace.ts';
import { updateWorkspace } from './update-workspace.ts';

describe(`updateWorkspace (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('sets currency and time zone while the workspace is empty, and refuses once it holds data', async () => {
    await ensureWorkspace({ db: store.db, workspaceId: 'tico' });
    const updated = await updateWorkspace({
      db: store.db,
      workspaceId: 'tico',
      reportingCurrency: 'crc',
      timezone: 'America/Costa_Rica',
    });
    expect([updated.reportingCurrency, updated.timezone]).toEqual(['CRC', 'America/Costa_Rica']);
    await insertInvoice(store.db, {
      workspaceId: 'tico',
      accountId: 'a1',
      currency: 'CRC',
      lines: [{ amount: 5000, start: '2024-01-01', end: '2024-02-01', subscriptionId: 's1' }],
    });
    await expect(
      updateWorkspace({ db: store.db, workspaceId: 'tico', reportingCurrency: 'USD' }),
    ).rejects.toThrow(/already holds data/);
  });

  it('rejects unknown currencies, time zones and out-of-range options', async () => {
    await createTestWorkspace(store, 'checks');
    await expect(
      updateWorkspace({ db: store.db, workspaceId: 'checks', reportingCurrency: 'XYZ' }),
    ).rejects.toThrow(/ISO 4217/);
    await expect(
      updateWorkspace({ db: store.db, workspaceId: 'checks', timezone: 'Mars/Base' }),
    ).rejects.toThrow(/time zone/);
    await expect(
      updateWorkspace({ db: store.db, workspaceId: 'checks', settings: { 'ltv.gross_margin': 2 } }),
    ).rejects.toThrow(/ltv.gross_margin/);
  });

  it('recomputes MRR when the discount option changes', async () => {
    await createTestWorkspace(store, 'disc');
    await insertInvoice(store.db, {
      workspaceId: 'disc',
      accountId: 'a1',
      lines: [{ amount: 100, discount: 20, start: '2024-01-01', end: '2024-02-01', subscriptionId: 's1' }],
    });
    await recomputeMovements({ db: store.db, workspaceId: 'disc' });
    expect((await getMrr({ db: store.db, workspaceId: 'disc', at: '2024-01-15' })).mrr).toBe(80);
    await updateWorkspace({ db: store.db, workspaceId: 'disc', settings: { 'mrr.discounts': 'ignore' } });
    expect((await getMrr({ db: store.db, workspaceId: 'disc', at: '2024-01-15' })).mrr).toBe(100);
  });
});
