import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { importPaths } from '../imports/import-paths.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { updateWorkspace } from '../workspaces/update-workspace.ts';
import { findDailyUsage } from './find-daily-usage.ts';
import { findKeyFeatures } from './find-key-features.ts';
import { findUsageSummaries } from './find-usage-summaries.ts';
import { USAGE_FIXTURE, writeImportDir } from './usage-fixture.ts';

const ws = 'paris';
let store: TStore;

beforeAll(async () => {
  store = await openTestStore();
  await ensureWorkspace({ db: store.db, workspaceId: ws, timezone: 'Europe/Paris' });
  await importPaths({ store, workspaceId: ws, paths: [writeImportDir(USAGE_FIXTURE)] });
});
afterAll(() => store.close());

describe(`usage summaries (${engineName})`, () => {
  it('rolls events up per local day: 23:30 UTC lands on the next day in a UTC+1 workspace', async () => {
    const rows = await store.db
      .selectFrom('usage_daily')
      .select(['day', 'name', 'events', 'quantity', 'users'])
      .where('workspace_id', '=', ws)
      .where('account_id', '=', 'acme')
      .where('day', '>=', '2024-02-29')
      .orderBy('day')
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      { day: '2024-03-01', name: 'report_exported', events: 1, quantity: '2', users: 1 },
      { day: '2024-03-01', name: 'social_mention', events: 1, quantity: '1', users: 1 },
      { day: '2024-03-02', name: 'login', events: 1, quantity: '1', users: 1 },
    ]);
    const users = await store.db
      .selectFrom('usage_daily_users')
      .select(['day', 'contact_id'])
      .where('workspace_id', '=', ws)
      .where('account_id', '=', 'acme')
      .where('day', '>=', '2024-02-29')
      .orderBy('day')
      .execute();
    // c3's social mention makes no active user.
    expect(users).toEqual([
      { day: '2024-03-01', contact_id: 'c1' },
      { day: '2024-03-02', contact_id: 'c2' },
    ]);
  });

  it('defaults key features to the last 90 days of event names, without logins and signals', async () => {
    expect(await findKeyFeatures({ db: store.db, workspaceId: ws, at: '2024-03-01' })).toEqual([
      'dashboard_viewed',
      'export_csv',
      'report_exported',
    ]);
  });

  it('summarises every account as of the end of a local day, by hand', async () => {
    const summaries = await findUsageSummaries({ db: store.db, workspaceId: ws, at: '2024-03-01' });
    expect([...summaries.keys()]).toEqual(['acme', 'globex', 'initech', 'umbrella']);
    expect(summaries.get('acme')).toEqual({
      active_users_7d: 2, // c1 on Mar 1, c2 on Feb 26
      active_users_30d: 3, // and c3's login on Feb 10
      events_30d: 4, // 2 reports + 1 dashboard + 1 login; the social mention is not usage
      events_prev_30d: 5, // Jan 15; Jan 1 is 60 days back, outside
      trend_30d: -0.2,
      days_since_last_activity: 0,
      adoption_breadth: 0.666667, // report_exported and dashboard_viewed of 3 key features
      seat_utilisation: 0.75, // 3 active users of 4 seats
    });
    expect(summaries.get('globex')).toEqual({
      active_users_7d: 0,
      active_users_30d: 0,
      events_30d: 0,
      events_prev_30d: 3,
      trend_30d: -1,
      days_since_last_activity: 41, // Jan 20 → Mar 1
      adoption_breadth: 0,
      seat_utilisation: null,
    });
    // Used in the last 30 days but not before: no trend. Seats 0 is no seat count.
    expect(summaries.get('initech')).toEqual({
      active_users_7d: 0,
      active_users_30d: 0,
      events_30d: 1,
      events_prev_30d: 0,
      trend_30d: null,
      days_since_last_activity: 10,
      adoption_breadth: 0.333333,
      seat_utilisation: null,
    });
    expect(summaries.get('umbrella')).toEqual({
      active_users_7d: 0,
      active_users_30d: 0,
      events_30d: 0,
      events_prev_30d: 0,
      trend_30d: null,
      days_since_last_activity: null,
      adoption_breadth: 0,
      seat_utilisation: null,
    });
  });

  it('uses only days up to the given day', async () => {
    const summaries = await findUsageSummaries({
      db: store.db,
      workspaceId: ws,
      at: '2024-02-29',
      accountIds: ['acme', 'nobody'],
    });
    expect([...summaries.keys()]).toEqual(['acme']);
    expect(summaries.get('acme')).toMatchObject({
      active_users_7d: 1, // only c2 (Feb 26); c1's Mar 1 report is tomorrow in Paris
      events_30d: 2, // dashboard + login
      days_since_last_activity: 3,
    });
  });

  it('measures adoption against the key features setting when set', async () => {
    await updateWorkspace({
      db: store.db,
      workspaceId: ws,
      settings: { 'usage.key_features': 'report_exported, sso_enabled' },
    });
    try {
      expect(await findKeyFeatures({ db: store.db, workspaceId: ws, at: '2024-03-01' })).toEqual([
        'report_exported',
        'sso_enabled',
      ]);
      const summaries = await findUsageSummaries({ db: store.db, workspaceId: ws, at: '2024-03-01' });
      expect(summaries.get('acme')!.adoption_breadth).toBe(0.5);
      expect(summaries.get('initech')!.adoption_breadth).toBe(0);
      await updateWorkspace({ db: store.db, workspaceId: ws, settings: { 'usage.key_features': [] } });
      const none = await findUsageSummaries({ db: store.db, workspaceId: ws, at: '2024-03-01' });
      expect(none.get('acme')!.adoption_breadth).toBeNull();
    } finally {
      await store.db
        .updateTable('workspaces')
        .set({ settings: '{}' })
        .where('workspace_id', '=', ws)
        .execute();
    }
  });

  it('lists daily usage with every day of the range, totals and names', async () => {
    const daily = await findDailyUsage({
      db: store.db,
      workspaceId: ws,
      accountId: 'acme',
      from: '2024-02-29',
      to: '2024-03-02',
    });
    expect(daily.days).toEqual([
      { date: '2024-02-29', events: 0, active_users: 0, by_name: {} },
      {
        date: '2024-03-01',
        events: 2,
        active_users: 1,
        by_name: { report_exported: 2, social_mention: 1 },
      },
      { date: '2024-03-02', events: 1, active_users: 1, by_name: { login: 1 } },
    ]);
    expect(daily.names).toEqual([
      { name: 'report_exported', events: 2, rows: 1, active_days: 1 },
      { name: 'login', events: 1, rows: 1, active_days: 1 },
      { name: 'social_mention', events: 1, rows: 1, active_days: 1 },
    ]);
    await expect(
      findDailyUsage({
        db: store.db,
        workspaceId: ws,
        accountId: 'nobody',
        from: '2024-03-01',
        to: '2024-03-01',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      findDailyUsage({
        db: store.db,
        workspaceId: ws,
        accountId: 'acme',
        from: '2024-03-02',
        to: '2024-03-01',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
