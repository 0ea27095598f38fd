import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestWorkspace, engineName, openTestStore } from '../../test/helpers/store.ts';
import type { TStore } from '../db/connect.ts';
import { enqueueJob } from './enqueue-job.ts';
import { performSideEffectOnce } from './perform-side-effect-once.ts';
import { registerTestJob } from './register-test-job.ts';
import { runDueJobs } from './run-due-jobs.ts';

const WS = 'jobs-a';
const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let store: TStore;
const removals: (() => void)[] = [];
const ran: string[] = [];
let failuresLeft = 0;
const givenUp: string[] = [];

beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, WS);
  removals.push(
    registerTestJob({
      name: 'test.record',
      schema: z.object({ tag: z.string() }),
      handler: async ({ tag }) => {
        ran.push(tag);
      },
    }),
    registerTestJob({
      name: 'test.flaky',
      schema: z.object({}),
      maxAttempts: 3,
      handler: async (_payload, { attempt }) => {
        if (failuresLeft-- > 0) throw new Error(`boom on attempt ${attempt}`);
      },
    }),
    registerTestJob({
      name: 'test.doomed',
      schema: z.object({ tag: z.string() }),
      maxAttempts: 2,
      handler: async ({ tag }) => {
        if (tag === 'fails') throw new Error('always');
        ran.push(tag);
      },
      onDead: async ({ tag }, { error, attempt }) => {
        if (tag === 'bad-hook') throw new Error('hook broke');
        givenUp.push(`${tag} @${attempt}: ${error}`);
      },
    }),
  );
});
afterAll(async () => {
  for (const remove of removals) remove();
  await store.close();
});
beforeEach(async () => {
  ran.length = 0;
  givenUp.length = 0;
  await store.db.deleteFrom('jobs').execute();
  await store.db.deleteFrom('side_effects').execute();
});

const jobRow = (id: string) =>
  store.db
    .selectFrom('jobs')
    .selectAll()
    .where('workspace_id', '=', WS)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe(`durable jobs (${engineName})`, () => {
  it('enqueues one job per key, and none when the enqueuing transaction rolls back', async () => {
    const job = { workspaceId: WS, name: 'test.record', payload: { tag: 'x' }, key: 'k1', runAt: T0 };
    expect(await enqueueJob(store.db, job)).toEqual({ id: 'k1', isNew: true });
    expect(await enqueueJob(store.db, { ...job, payload: { tag: 'y' } })).toEqual({ id: 'k1', isNew: false });
    await expect(
      store.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { ...job, key: 'k2' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const jobs = await store.db.selectFrom('jobs').select(['id', 'payload']).execute();
    expect(jobs).toEqual([{ id: 'k1', payload: { tag: 'x' } }]);
    expect((await enqueueJob(store.db, { ...job, key: undefined })).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs only the jobs due at now, and marks them done', async () => {
    await enqueueJob(store.db, { workspaceId: WS, name: 'test.record', payload: { tag: 'due' }, runAt: T0 });
    await enqueueJob(store.db, {
      workspaceId: WS,
      name: 'test.record',
      payload: { tag: 'later' },
      key: 'later',
      runAt: at(60),
    });
    expect(await runDueJobs({ store, now: T0 })).toEqual({ ran: 1, succeeded: 1, retried: 0, dead: 0 });
    expect(ran).toEqual(['due']);
    expect(await runDueJobs({ store, now: at(59) })).toMatchObject({ ran: 0 });
    expect(await runDueJobs({ store, now: at(60) })).toMatchObject({ ran: 1, succeeded: 1 });
    expect(ran).toEqual(['due', 'later']);
    expect(await jobRow('later')).toMatchObject({
      status: 'done',
      attempts: 1,
      locked_by: null,
      finished_at: at(60),
    });
  });

  it('retries a failing job after 30 s, then 60 s, and dead-letters it after maxAttempts', async () => {
    failuresLeft = 3;
    await enqueueJob(store.db, { workspaceId: WS, name: 'test.flaky', payload: {}, key: 'flaky', runAt: T0 });
    expect(await runDueJobs({ store, now: T0 })).toEqual({ ran: 1, succeeded: 0, retried: 1, dead: 0 });
    expect(await jobRow('flaky')).toMatchObject({
      status: 'queued',
      attempts: 1,
      run_at: at(30),
      last_error: 'boom on attempt 1',
      locked_by: null,
    });
    expect(await runDueJobs({ store, now: at(29) })).toMatchObject({ ran: 0 });
    expect(await runDueJobs({ store, now: at(30) })).toMatchObject({ ran: 1, retried: 1 });
    expect(await jobRow('flaky')).toMatchObject({ status: 'queued', attempts: 2, run_at: at(90) });
    expect(await runDueJobs({ store, now: at(90) })).toMatchObject({ ran: 1, dead: 1 });
    expect(await jobRow('flaky')).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error: 'boom on attempt 3',
      finished_at: at(90),
    });
    expect(await runDueJobs({ store, now: at(100_000) })).toMatchObject({ ran: 0 });
  });

  it('succeeds on a retry once the handler stops failing', async () => {
    failuresLeft = 1;
    await enqueueJob(store.db, { workspaceId: WS, name: 'test.flaky', payload: {}, key: 'once', runAt: T0 });
    await runDueJobs({ store, now: T0 });
    expect(await runDueJobs({ store, now: at(30) })).toMatchObject({ ran: 1, succeeded: 1 });
    expect(await jobRow('once')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('dead-letters at once a job with an invalid payload or an unknown name, saying why', async () => {
    await enqueueJob(store.db, { workspaceId: WS, name: 'test.record', payload: { tag: 3 }, key: 'bad' });
    await enqueueJob(store.db, { workspaceId: WS, name: 'test.nobody', payload: {}, key: 'unknown' });
    expect(await runDueJobs({ store })).toEqual({ ran: 2, succeeded: 0, retried: 0, dead: 2 });
    expect(ran).toEqual([]);
    expect((await jobRow('bad')).last_error).toMatch(/^invalid payload: .*tag/s);
    expect((await jobRow('unknown')).last_error).toBe('unknown job name "test.nobody": no definition');
  });

  it('runs each of 40 jobs exactly once under four concurrent runners', async () => {
    for (let i = 0; i < 40; i++) {
      await enqueueJob(store.db, {
        workspaceId: WS,
        name: 'test.record',
        payload: { tag: `j${i}` },
        runAt: T0,
      });
    }
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => runDueJobs({ store, now: T0, workerId: `w${n}`, concurrency: 3 })),
    );
    expect(results.reduce((sum, r) => sum + r.succeeded, 0)).toBe(40);
    expect(ran).toHaveLength(40);
    expect(new Set(ran).size).toBe(40);
    const statuses = await store.db.selectFrom('jobs').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'done' }]);
  });

  it('resumes a job whose worker died after its lease, without repeating its side effect', async () => {
    let sent = 0;
    let reached!: () => void;
    const isReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    removals.push(
      registerTestJob({
        name: 'test.email',
        schema: z.object({ to: z.string() }),
        handler: async ({ to }, { db, workspaceId, jobId, attempt }) => {
          const outcome = await performSideEffectOnce({
            db,
            workspaceId,
            key: `email:${jobId}`,
            kind: 'email',
            perform: async () => {
              sent++;
              return { to, message_id: `m${sent}` };
            },
          });
          if (attempt === 1) {
            // The worker "dies" here: the email went out, the job never finishes.
            reached();
            await new Promise(() => {});
          }
          expect(outcome).toEqual({ status: 'already_done', result: { to, message_id: 'm1' } });
        },
      }),
    );
    await enqueueJob(store.db, {
      workspaceId: WS,
      name: 'test.email',
      payload: { to: 'a@x.io' },
      key: 'mail',
      runAt: T0,
    });
    void runDueJobs({ store, now: T0, workerId: 'doomed', leaseSeconds: 300 });
    await isReached;
    expect(await jobRow('mail')).toMatchObject({ status: 'running', locked_by: 'doomed', attempts: 1 });
    expect(await runDueJobs({ store, now: at(299), workerId: 'heir' })).toMatchObject({ ran: 0 });
    expect(await runDueJobs({ store, now: at(301), workerId: 'heir' })).toEqual({
      ran: 1,
      succeeded: 1,
      retried: 0,
      dead: 0,
    });
    expect(sent).toBe(1);
    expect(await jobRow('mail')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never performs an effect again whose run died between claim and completion', async () => {
    let sent = 0;
    let reached!: () => void;
    const isReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    removals.push(
      registerTestJob({
        name: 'test.charge',
        schema: z.object({}),
        handler: async (_payload, { db, workspaceId, attempt }) => {
          const outcome = await performSideEffectOnce({
            db,
            workspaceId,
            key: 'charge:inv_1',
            kind: 'payment',
            perform: async () => {
              sent++;
              // The process is killed while the payment provider is being called.
              if (attempt === 1) {
                reached();
                await new Promise(() => {});
              }
              return { charged: true };
            },
          });
          expect(outcome).toEqual({ status: 'uncertain' });
        },
      }),
    );
    await enqueueJob(store.db, {
      workspaceId: WS,
      name: 'test.charge',
      payload: {},
      key: 'charge',
      runAt: T0,
    });
    void runDueJobs({ store, now: T0, workerId: 'doomed', leaseSeconds: 60 });
    await isReached;
    expect(await runDueJobs({ store, now: at(61), workerId: 'heir' })).toMatchObject({ succeeded: 1 });
    expect(sent).toBe(1);
    const effect = await store.db.selectFrom('side_effects').selectAll().executeTakeFirstOrThrow();
    expect(effect).toMatchObject({ key: 'charge:inv_1', kind: 'payment', status: 'uncertain' });
  });

  it('dead-letters a job whose worker keeps dying once it has used up its attempts', async () => {
    await enqueueJob(store.db, { workspaceId: WS, name: 'test.record', payload: { tag: 'z' }, key: 'z' });
    await store.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 5, locked_by: 'gone', locked_until: T0 })
      .where('id', '=', 'z')
      .execute();
    expect(await runDueJobs({ store, now: at(1) })).toMatchObject({ ran: 1, dead: 1 });
    expect(ran).toEqual([]);
    expect((await jobRow('z')).last_error).toMatch(/^gave up after 5 attempts/);
  });

  it("calls the definition's onDead when a job dies, whether its last attempt failed or its worker died", async () => {
    const doomed = (tag: string) =>
      enqueueJob(store.db, { workspaceId: WS, name: 'test.doomed', payload: { tag }, key: tag, runAt: T0 });
    await doomed('fails');
    await runDueJobs({ store, now: T0 });
    expect(givenUp).toEqual([]);
    await runDueJobs({ store, now: at(30) });
    expect(givenUp).toEqual(['fails @2: always']);

    await doomed('crashed');
    await doomed('bad-hook');
    await store.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 2, locked_by: 'gone', locked_until: T0 })
      .where('id', 'in', ['crashed', 'bad-hook'])
      .execute();
    expect(await runDueJobs({ store, now: at(60) })).toMatchObject({ ran: 2, dead: 2 });
    expect(ran).toEqual([]);
    expect(givenUp).toEqual([
      'fails @2: always',
      "crashed @3: gave up after 2 attempts: the last one's worker stopped before finishing",
    ]);
    expect(await jobRow('bad-hook')).toMatchObject({ status: 'dead' });
    expect((await jobRow('bad-hook')).last_error).toMatch(/; and on giving up: hook broke$/);
  });
});
