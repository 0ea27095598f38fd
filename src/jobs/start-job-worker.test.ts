import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestWorkspace, engineName, openTestStore } from '../../test/helpers/store.ts';
import type { TStore } from '../db/connect.ts';
import { enqueueJob } from './enqueue-job.ts';
import { registerTestJob } from './register-test-job.ts';
import type { TJobPassResult } from './run-job-pass.ts';
import { startJobWorker } from './start-job-worker.ts';

let store: TStore;
let unregister: () => void;
const greeted: string[] = [];
beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, 'worker-a');
  unregister = registerTestJob({
    name: 'test.greet',
    schema: z.object({ name: z.string() }),
    handler: async ({ name }) => {
      greeted.push(name);
    },
  });
});
afterAll(async () => {
  unregister();
  await store.close();
});

describe(`startJobWorker (${engineName})`, () => {
  it('runs a due job in its first pass and stops', async () => {
    await enqueueJob(store.db, {
      workspaceId: 'worker-a',
      name: 'test.greet',
      payload: { name: 'Ana' },
      key: 'greet-ana',
    });
    const errors: unknown[] = [];
    let passed!: (result: TJobPassResult) => void;
    const firstPass = new Promise<TJobPassResult>((resolve) => {
      passed = resolve;
    });
    const worker = startJobWorker({ store, pollMs: 60_000, onError: (e) => errors.push(e), onPass: passed });
    // The pass also runs the registry's scheduled jobs of the current slot: count at least ours.
    expect((await firstPass).succeeded).toBeGreaterThanOrEqual(1);
    await worker.stop();
    expect(greeted).toEqual(['Ana']);
    expect(errors).toEqual([]);
    const job = await store.db
      .selectFrom('jobs')
      .select('status')
      .where('id', '=', 'greet-ana')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });

  it('runs jobs without an onPass callback, as `tenure start` runs it', async () => {
    await enqueueJob(store.db, {
      workspaceId: 'worker-a',
      name: 'test.greet',
      payload: { name: 'Bo' },
      key: 'greet-bo',
    });
    const worker = startJobWorker({ store, pollMs: 60_000, onError: () => {} });
    try {
      await expect.poll(() => greeted.includes('Bo'), { timeout: 30_000 }).toBe(true);
    } finally {
      await worker.stop();
    }
  });
});
