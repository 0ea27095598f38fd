import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../test/helpers/store.ts';
import type { TStore } from '../db/connect.ts';
import { enqueueScheduledJobs } from './enqueue-scheduled-jobs.ts';

let store: TStore;
beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, 'sched-a');
  await createTestWorkspace(store, 'sched-b');
});
afterAll(() => store.close());

describe(`enqueueScheduledJobs (${engineName})`, () => {
  it('enqueues one job per workspace and slot, even when two schedulers race', async () => {
    const schedules = [{ jobName: 'test.hourly', everySeconds: 3600 }];
    const now = new Date('2026-03-01T10:17:00Z');
    const [first, second] = await Promise.all([
      enqueueScheduledJobs({ store, now, schedules }),
      enqueueScheduledJobs({ store, now: new Date('2026-03-01T10:59:59Z'), schedules }),
    ]);
    expect(first.enqueued + second.enqueued).toBe(2);
    expect(await enqueueScheduledJobs({ store, now: new Date('2026-03-01T11:00:00Z'), schedules })).toEqual({
      enqueued: 2,
    });
    const jobs = await store.db
      .selectFrom('jobs')
      .select(['workspace_id', 'id', 'name', 'payload', 'run_at', 'status'])
      .orderBy('workspace_id')
      .orderBy('id')
      .execute();
    expect(jobs).toEqual(
      ['sched-a', 'sched-b'].flatMap((workspace_id) =>
        ['10:00', '11:00'].map((hour) => ({
          workspace_id,
          id: `test.hourly@2026-03-01T${hour}:00.000Z`,
          name: 'test.hourly',
          payload: {},
          run_at: new Date(`2026-03-01T${hour}:00Z`),
          status: 'queued',
        })),
      ),
    );
  });
});
