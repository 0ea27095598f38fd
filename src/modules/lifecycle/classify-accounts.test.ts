import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from '../revenue/test-factories.ts';
import { createSegment } from '../segments/create-segment.ts';
import { findSegmentMemberIds } from '../segments/find-segment-member-ids.ts';
import { insertAccounts, insertHealthScore } from '../segments/test-factories.ts';
import { updateWorkspace } from '../workspaces/update-workspace.ts';
import { classifyAccounts } from './classify-accounts.ts';
import { findLifecycleEvents } from './find-lifecycle-events.ts';
import { refreshClassifications } from './refresh-classifications.ts';

const W = 'life';
const AT = '2024-06-15';

describe(`classifyAccounts (${engineName})`, () => {
  let store: TStore;
  const profiles = async (workspaceId = W) =>
    Object.fromEntries(
      (
        await store.db
          .selectFrom('account_profiles')
          .select(['account_id', 'tier', 'stage'])
          .where('workspace_id', '=', workspaceId)
          .execute()
      ).map((p) => [p.account_id, `${p.tier}/${p.stage}`]),
    );
  const monthly = (accountId: string, first: string, count: number, amount: number) =>
    insertInvoice(store.db, {
      workspaceId: W,
      accountId,
      lines: monthlyPeriods(first, count).map((p) => ({ ...p, amount, subscriptionId: `sub-${accountId}` })),
    });

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, W);
    await insertAccounts(db, W, [
      { id: 'c5', revenuePotential: 400 },
      { id: 'c6', revenuePotential: 250 },
      { id: 'p1', revenuePotential: 5000 },
      { id: 't1' },
      { id: 't2' },
    ]);
    // c1: 1,000/month on a yearly line ending 2025-01-01 (not within 90 days of AT).
    await insertInvoice(db, {
      workspaceId: W,
      accountId: 'c1',
      lines: [{ amount: 12000, start: '2024-01-01', end: '2025-01-01' }],
    });
    // c2: 500/month on a yearly line ending 2024-08-01, 47 days after AT: renewal due.
    await insertInvoice(db, {
      workspaceId: W,
      accountId: 'c2',
      lines: [{ amount: 6000, start: '2023-08-01', end: '2024-08-01' }],
    });
    // c3: a customer since 2024-05-01, 45 days before AT: onboarding (though red).
    await monthly('c3', '2024-05-01', 2, 300);
    await monthly('c4', '2024-01-01', 6, 200);
    // c5: a six-month line ending within 90 days is not a renewal (renewal.min_interval_months = 12).
    await insertInvoice(db, {
      workspaceId: W,
      accountId: 'c5',
      lines: [{ amount: 600, start: '2024-01-01', end: '2024-07-01' }],
    });
    await monthly('c6', '2024-01-01', 6, 100);
    await monthly('c7', '2024-01-01', 6, 100);
    await monthly('ch1', '2024-01-01', 2, 400);
    await recomputeMovements({ db, workspaceId: W });
    await insertHealthScore(db, W, 'c1', { date: '2024-06-01', score: 80, band: 'green' });
    // A score after AT is not known at AT.
    await insertHealthScore(db, W, 'c1', { date: '2024-07-01', score: 10, band: 'red' });
    await insertHealthScore(db, W, 'c3', { date: '2024-06-01', score: 20, band: 'red' });
    await insertHealthScore(db, W, 'c4', { date: '2024-06-01', score: 30, band: 'red' });
    await insertHealthScore(db, W, 'c6', { date: '2024-06-01', score: 65, band: 'yellow' });
    await insertHealthScore(db, W, 'c7', { date: '2024-06-01', score: 59, band: 'yellow' });
    await db
      .insertInto('subscriptions')
      .values([
        { workspace_id: W, id: 's-t1', account_id: 't1', status: 'trialing' },
        {
          workspace_id: W,
          id: 's-t2',
          account_id: 't2',
          status: 'active',
          trial_end: '2024-06-20T00:00:00Z',
        },
      ])
      .execute();
  });
  afterAll(() => store.close());

  it('assigns tiers and stages by the default rules, and records first classifications from null', async () => {
    const result = await classifyAccounts({ db: store.db, workspaceId: W, at: AT });
    expect(result).toEqual({ date: AT, accounts: 11, tier_changes: 11, stage_changes: 11 });
    expect(await profiles()).toEqual({
      c1: 'vip/adoption', // top 10% of 7 customers = the first 1 by MRR
      c2: 'core/renewal_due', // no score yet counts as healthy
      c3: 'non_core/onboarding', // red: not core; onboarding comes before at_risk
      c4: 'non_core/at_risk',
      c5: 'potential/adoption', // potential 400 ≥ 3 × 100
      c6: 'core/adoption', // potential 250 < 3 × 100; health 65 ≥ 60
      c7: 'non_core/adoption', // health 59 < 60
      ch1: 'non_core/churned',
      p1: 'potential/prospect',
      t1: 'non_core/trial',
      t2: 'non_core/trial', // trial_end after AT
    });
    const events = (await findLifecycleEvents({ db: store.db, workspaceId: W, accountId: 'c2' })).events;
    expect(events.map((e) => [e.type, e.from_value, e.to_value]).sort()).toEqual([
      ['stage_changed', null, 'renewal_due'],
      ['tier_changed', null, 'core'],
    ]);
  });

  it('writes nothing when nothing changed, and from → to events when a threshold moves', async () => {
    const db = store.db;
    const before = (await findLifecycleEvents({ db, workspaceId: W, limit: 1000 })).events.length;
    expect(await classifyAccounts({ db, workspaceId: W, at: AT })).toMatchObject({
      tier_changes: 0,
      stage_changes: 0,
    });
    expect((await findLifecycleEvents({ db, workspaceId: W, limit: 1000 })).events).toHaveLength(before);

    await updateWorkspace({ db, workspaceId: W, settings: { 'tiers.vip_top_share': 0.3 } });
    expect(await classifyAccounts({ db, workspaceId: W, at: AT })).toMatchObject({
      tier_changes: 2,
      stage_changes: 0,
    });
    const changes = (await findLifecycleEvents({ db, workspaceId: W, types: ['tier_changed'], limit: 2 }))
      .events;
    expect(changes.map((e) => [e.account_id, e.from_value, e.to_value]).sort()).toEqual([
      ['c2', 'core', 'vip'],
      ['c3', 'non_core', 'vip'],
    ]);
    const profile = await db
      .selectFrom('account_profiles')
      .select(['tier_since', 'stage_since'])
      .where('workspace_id', '=', W)
      .where('account_id', '=', 'c2')
      .executeTakeFirstOrThrow();
    expect(profile.tier_since.getTime()).toBeGreaterThan(profile.stage_since.getTime());
  });

  it('follows a configured stage order, and classifies only the given accounts when asked', async () => {
    const db = store.db;
    await updateWorkspace({
      db,
      workspaceId: W,
      settings: { 'tiers.vip_top_share': 0.1, 'lifecycle.stage_order': 'churned,trial,at_risk,renewal_due' },
    });
    await expect(
      updateWorkspace({ db, workspaceId: W, settings: { 'lifecycle.stage_order': 'churned,dormant' } }),
    ).rejects.toThrow(/lifecycle.stage_order/);
    const result = await classifyAccounts({ db, workspaceId: W, at: AT, accountIds: ['c3'] });
    expect(result).toMatchObject({ accounts: 1, tier_changes: 1, stage_changes: 1 });
    const after = await profiles();
    expect(after.c3).toBe('non_core/at_risk'); // at_risk now ranks first, onboarding is off
    expect(after.c2).toBe('vip/renewal_due'); // not reclassified: not among the accounts asked for
  });

  it('refreshes segments after classifying', async () => {
    const db = store.db;
    await updateWorkspace({
      db,
      workspaceId: W,
      settings: { 'lifecycle.stage_order': 'churned,trial,onboarding,at_risk,renewal_due' },
    });
    await createSegment({ db, workspaceId: W, id: 'vips', name: 'VIPs', filter: 'tier = "vip"' });
    // c3 was reclassified alone at the 10% share above; c2 still holds the VIP tier of the 30% share.
    expect(await findSegmentMemberIds({ db, workspaceId: W, segmentId: 'vips' })).toEqual(['c1', 'c2']);
    // Today, not AT: every line of the fixture ended by 2025-01-01, so every customer has churned.
    const result = await refreshClassifications({ db, workspaceId: W });
    expect(result.segments.find((s) => s.id === 'vips')).toEqual({
      id: 'vips',
      members: 0,
      entered: 0,
      left: 2,
    });
    expect(await findSegmentMemberIds({ db, workspaceId: W, segmentId: 'vips' })).toEqual([]);
    const tiers = await profiles();
    expect(tiers.c2).toBe('non_core/churned');
  });
});
