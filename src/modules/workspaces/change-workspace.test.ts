import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { getMrr } from '../revenue/get-mrr.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { insertInvoice } from '../revenue/test-factories.ts';
import { changeWorkspace } from './change-workspace.ts';
import { getWorkspaceProfile } from './get-workspace-profile.ts';

describe(`changeWorkspace (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  const staleAccounts = async (workspaceId: string) =>
    (
      await store.db
        .selectFrom('health_stale')
        .select('account_id')
        .where('workspace_id', '=', workspaceId)
        .orderBy('account_id')
        .execute()
    ).map((r) => r.account_id);

  it('shows the options with their defaults and whether the workspace holds data', async () => {
    await createTestWorkspace(store, 'empty');
    expect(await getWorkspaceProfile({ db: store.db, workspaceId: 'empty' })).toMatchObject({
      id: 'empty',
      reporting_currency: 'USD',
      timezone: 'UTC',
      has_data: false,
      settings: { 'mrr.discounts': 'deduct', 'ltv.gross_margin': 1, 'renewal.grace_days': 30 },
    });
    const changed = await changeWorkspace({
      db: store.db,
      workspaceId: 'empty',
      reportingCurrency: 'crc',
      timezone: 'America/Costa_Rica',
      settings: { 'ltv.gross_margin': 0.75 },
    });
    expect(changed).toMatchObject({
      reporting_currency: 'CRC',
      timezone: 'America/Costa_Rica',
      has_data: false,
      settings: { 'ltv.gross_margin': 0.75, 'mrr.discounts': 'deduct' },
    });
  });

  it('refuses an unknown option by name instead of dropping it, and changes nothing', async () => {
    await createTestWorkspace(store, 'typo');
    await expect(
      changeWorkspace({ db: store.db, workspaceId: 'typo', settings: { 'mrr.discount': 'ignore' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"mrr.discount"') });
    await expect(
      changeWorkspace({ db: store.db, workspaceId: 'typo', settings: { 'mrr.discounts': 'sometimes' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('mrr.discounts') });
    expect((await getWorkspaceProfile({ db: store.db, workspaceId: 'typo' })).settings['mrr.discounts']).toBe(
      'deduct',
    );
  });

  it('takes the current currency in another case as no change once the workspace holds data', async () => {
    await createTestWorkspace(store, 'held');
    await insertInvoice(store.db, {
      workspaceId: 'held',
      accountId: 'a1',
      lines: [{ amount: 100, start: '2024-01-01', end: '2024-02-01' }],
    });
    const same = await changeWorkspace({ db: store.db, workspaceId: 'held', reportingCurrency: 'usd' });
    expect(same).toMatchObject({ reporting_currency: 'USD', has_data: true });
    await expect(
      changeWorkspace({ db: store.db, workspaceId: 'held', reportingCurrency: 'EUR' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      changeWorkspace({ db: store.db, workspaceId: 'held', timezone: 'Europe/Madrid' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('recomputes MRR and queues every account for rescoring when the discount option changes', async () => {
    await createTestWorkspace(store, 'disc');
    await insertInvoice(store.db, {
      workspaceId: 'disc',
      accountId: 'a1',
      lines: [{ amount: 100, discount: 25, start: '2024-01-01', end: '2024-02-01' }],
    });
    await insertInvoice(store.db, {
      workspaceId: 'disc',
      accountId: 'a2',
      lines: [{ amount: 50, start: '2024-01-01', end: '2024-02-01' }],
    });
    await recomputeMovements({ db: store.db, workspaceId: 'disc' });
    const mrr = async () => (await getMrr({ db: store.db, workspaceId: 'disc', at: '2024-01-15' })).mrr;
    expect(await mrr()).toBe(125);
    // Another option leaves MRR and health alone.
    await changeWorkspace({ db: store.db, workspaceId: 'disc', settings: { 'ltv.gross_margin': 0.5 } });
    expect(await staleAccounts('disc')).toEqual([]);
    await changeWorkspace({ db: store.db, workspaceId: 'disc', settings: { 'mrr.discounts': 'ignore' } });
    expect(await mrr()).toBe(150);
    expect(await staleAccounts('disc')).toEqual(['a1', 'a2']);
    const back = await changeWorkspace({
      db: store.db,
      workspaceId: 'disc',
      settings: { 'mrr.discounts': 'deduct' },
    });
    expect(back.settings).toMatchObject({ 'mrr.discounts': 'deduct', 'ltv.gross_margin': 0.5 });
    expect(await mrr()).toBe(125);
  });
});
