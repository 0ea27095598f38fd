import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { importPaths } from '../imports/import-paths.ts';
import { rebuildUsageRollups } from '../usage/rebuild-usage-rollups.ts';
import { readUsageRollups, USAGE_FIXTURE, writeImportDir } from '../usage/usage-fixture.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { ingestEvents } from './ingest-events.ts';

const ws = 'paris';
let store: TStore;

const rollups = () => readUsageRollups(store.db, ws);

async function expectSameAsRebuild() {
  const incremental = await rollups();
  await rebuildUsageRollups({ db: store.db, workspaceId: ws });
  expect(incremental).toEqual(await rollups());
  return incremental;
}

async function staleAccounts(): Promise<string[]> {
  const rows = await store.db
    .selectFrom('health_stale')
    .select('account_id')
    .where('workspace_id', '=', ws)
    .orderBy('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}

const send = (items: unknown[]) => ingestEvents({ store, workspaceId: ws, items });
const event = (
  id: string,
  account: string,
  contact: string | null,
  name: string,
  at: string,
  quantity = 1,
) => ({
  id,
  account_id: account,
  contact_id: contact,
  name,
  occurred_at: at,
  quantity,
});

beforeAll(async () => {
  store = await openTestStore();
  await ensureWorkspace({ db: store.db, workspaceId: ws, timezone: 'Europe/Paris' });
  const { 'accounts.csv': accounts, 'contacts.csv': contacts } = USAGE_FIXTURE;
  await importPaths({
    store,
    workspaceId: ws,
    paths: [writeImportDir({ 'accounts.csv': accounts, 'contacts.csv': contacts })],
  });
  await store.db.deleteFrom('health_stale').where('workspace_id', '=', ws).execute();
});
afterAll(() => store.close());

describe(`the events batch write path (${engineName})`, () => {
  it('adds new events to the rollups incrementally, exactly as a rebuild would', async () => {
    const result = await send([
      // 23:30 UTC on Feb 29 is Mar 1 in Paris.
      event('n1', 'acme', 'c1', 'report_exported', '2024-02-29T23:30:00Z', 2),
      event('n2', 'acme', 'c1', 'report_exported', '2024-03-01T09:00:00Z', 3),
      event('n3', 'acme', 'c2', 'report_exported', '2024-03-01T10:00:00Z'),
      event('n4', 'acme', null, 'report_exported', '2024-03-01T11:00:00Z'),
      event('n5', 'acme', 'c3', 'social_mention', '2024-03-01T12:00:00Z'),
      event('n6', 'globex', 'g1', 'login', '2024-03-01T12:00:00Z'),
    ]);
    expect(result).toMatchObject({ accepted: 6, created: 6, updated: 0, unchanged: 0, rejected: 0 });
    const { daily, users } = await expectSameAsRebuild();
    // 4 report exports (quantity 2+3+1+1) by c1 twice, c2 and nobody: 2 users.
    expect(daily).toEqual([
      { account_id: 'acme', day: '2024-03-01', name: 'report_exported', events: 4, quantity: '7', users: 2 },
      { account_id: 'acme', day: '2024-03-01', name: 'social_mention', events: 1, quantity: '1', users: 1 },
      { account_id: 'globex', day: '2024-03-01', name: 'login', events: 1, quantity: '1', users: 1 },
    ]);
    // The signal's contact is no active user.
    expect(users.map((u) => `${u.account_id} ${u.contact_id}`)).toEqual(['acme c1', 'acme c2', 'globex g1']);
    expect(await staleAccounts()).toEqual(['acme', 'globex']);

    // A second batch on the same keys: one more user (c3), c1 again, and a re-sent event (unchanged).
    const second = await send([
      event('n7', 'acme', 'c3', 'report_exported', '2024-03-01T13:00:00Z'),
      event('n8', 'acme', 'c1', 'report_exported', '2024-03-01T14:00:00Z'),
      event('n6', 'globex', 'g1', 'login', '2024-03-01T12:00:00Z'),
    ]);
    expect(second).toMatchObject({ created: 2, updated: 0, unchanged: 1 });
    const after = await expectSameAsRebuild();
    expect(after.daily[0]).toEqual({
      account_id: 'acme',
      day: '2024-03-01',
      name: 'report_exported',
      events: 6,
      quantity: '9',
      users: 3,
    });
  });

  it('rewrites the old and new days of updated events, and queues both accounts', async () => {
    await store.db.deleteFrom('health_stale').where('workspace_id', '=', ws).execute();
    const result = await send([
      // n2 moves to globex on Mar 2; n3 changes its quantity; n9 is new.
      event('n2', 'globex', 'g1', 'report_exported', '2024-03-02T09:00:00Z', 3),
      event('n3', 'acme', 'c2', 'report_exported', '2024-03-01T10:00:00Z', 5),
      event('n9', 'initech', null, 'login', '2024-03-01T10:00:00Z'),
    ]);
    expect(result.items.map((i) => i.status)).toEqual(['updated', 'updated', 'created']);
    const { daily } = await expectSameAsRebuild();
    // acme's exports on Mar 1: n1 (2), n3 (5), n4, n7, n8 (1 each) by c1, c2, c3.
    expect(daily.find((r) => r.account_id === 'acme' && r.name === 'report_exported')).toEqual({
      account_id: 'acme',
      day: '2024-03-01',
      name: 'report_exported',
      events: 5,
      quantity: '10',
      users: 3,
    });
    expect(daily.find((r) => r.account_id === 'globex' && r.name === 'report_exported')).toMatchObject({
      day: '2024-03-02',
      events: 1,
      quantity: '3',
      users: 1,
    });
    expect(await staleAccounts()).toEqual(['acme', 'globex', 'initech']);
  });

  it('keeps users exact when concurrent batches bring the same new contacts', async () => {
    // 4 batches × 30 events of umbrella on Mar 3 by c1, c2, c3 in turn (contacts of another account are
    // valid references): 120 events, 3 users.
    const batch = (client: number) =>
      Array.from({ length: 30 }, (_, i) =>
        event(`u${client}-${i}`, 'umbrella', `c${1 + ((client + i) % 3)}`, 'login', '2024-03-03T10:00:00Z'),
      );
    const results = await Promise.all([0, 1, 2, 3].map((client) => send(batch(client))));
    expect(results.map((r) => r.created)).toEqual([30, 30, 30, 30]);
    const { daily, users } = await expectSameAsRebuild();
    expect(daily.find((r) => r.account_id === 'umbrella')).toMatchObject({
      events: 120,
      quantity: '120',
      users: 3,
    });
    expect(users.filter((u) => u.account_id === 'umbrella')).toHaveLength(3);
  });

  it('reports every error of an item in the order of the CSV import, and writes the rest', async () => {
    const result = await send([
      event('d1', 'acme', 'c1', 'login', '2024-03-04T10:00:00Z'),
      event('d1', 'ghost', 'nobody', 'login', '2024-03-04T10:00:00Z'),
      event('d2', 'acme', 'nobody', 'login', 'not a time'),
      event('d3', 'acme', 'nobody', 'login', '2024-03-04T10:00:00Z'),
    ]);
    expect(result.items).toEqual([
      { index: 0, id: 'd1', status: 'created', errors: [] },
      {
        index: 1,
        id: 'd1',
        status: 'rejected',
        errors: [
          { field: 'id', message: 'duplicate id "d1" (first at index 0)' },
          { field: 'account_id', message: 'unknown account "ghost"' },
          { field: 'contact_id', message: 'unknown contact "nobody"' },
        ],
      },
      {
        index: 2,
        id: 'd2',
        status: 'rejected',
        errors: [{ field: 'occurred_at', message: expect.any(String) }],
      },
      {
        index: 3,
        id: 'd3',
        status: 'rejected',
        errors: [{ field: 'contact_id', message: 'unknown contact "nobody"' }],
      },
    ]);
    await expectSameAsRebuild();
  });
});
