import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../test/helpers/store.ts';
import type { TStore } from '../db/connect.ts';
import { pruneJobs } from './prune-jobs.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const daysBefore = (days: number) => new Date(T0.getTime() - days * 86_400_000);

describe(`pruneJobs (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, 'a');
    await createTestWorkspace(store, 'b');
  });
  afterAll(async () => store.close());

  it('deletes only done jobs finished more than 14 days ago, in its own workspace; dead and queued jobs stay', async () => {
    const job = (
      workspace_id: string,
      id: string,
      status: 'done' | 'dead' | 'queued',
      finished: Date | null,
    ) => ({
      workspace_id,
      id,
      name: 'test.record',
      payload: '{}',
      status,
      run_at: daysBefore(30),
      attempts: 1,
      finished_at: finished,
    });
    await store.db
      .insertInto('jobs')
      .values([
        job('a', 'old-done', 'done', daysBefore(15)),
        job('a', 'recent-done', 'done', daysBefore(13)),
        job('a', 'old-dead', 'dead', daysBefore(20)),
        job('a', 'queued', 'queued', null),
        job('b', 'old-done-b', 'done', daysBefore(15)),
      ])
      .execute();
    expect(await pruneJobs({ db: store.db, workspaceId: 'a', now: T0 })).toBe(1);
    const left = await store.db.selectFrom('jobs').select(['workspace_id', 'id']).orderBy('id').execute();
    expect(left).toEqual([
      { workspace_id: 'a', id: 'old-dead' },
      { workspace_id: 'b', id: 'old-done-b' },
      { workspace_id: 'a', id: 'queued' },
      { workspace_id: 'a', id: 'recent-done' },
    ]);
  });
});
