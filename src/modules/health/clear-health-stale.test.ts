import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { clearHealthStale } from './clear-health-stale.ts';
import { insertAccount } from './health-test-factories.ts';

let store: TStore;

beforeAll(async () => {
  store = await openTestStore();
  for (const ws of ['ws-c', 'ws-other']) {
    await createTestWorkspace(store, ws);
    for (const id of ['c1', 'c2']) await insertAccount(store.db, ws, id);
  }
});
afterAll(() => store.close());

const mark = (ws: string, id: string, at: string) =>
  sql`insert into health_stale (workspace_id, account_id, marked_at) values (${ws}, ${id}, ${at}::timestamptz)`.execute(
    store.db,
  );

describe(`clearing stale marks (${engineName})`, () => {
  it('clears the marks made up to the given time in one workspace, and keeps later marks and other workspaces', async () => {
    await mark('ws-c', 'c1', '2026-11-01T10:00:00Z');
    await mark('ws-c', 'c2', '2026-11-01T10:00:02Z');
    await mark('ws-other', 'c1', '2026-11-01T09:00:00Z');
    const cleared = await clearHealthStale({
      db: store.db,
      workspaceId: 'ws-c',
      markedUpTo: new Date('2026-11-01T10:00:01Z'),
    });
    expect(cleared).toBe(1);
    const left = await store.db
      .selectFrom('health_stale')
      .select(['workspace_id', 'account_id'])
      .orderBy('workspace_id')
      .orderBy('account_id')
      .execute();
    expect(left).toEqual([
      { workspace_id: 'ws-c', account_id: 'c2' },
      { workspace_id: 'ws-other', account_id: 'c1' },
    ]);
  });
});
