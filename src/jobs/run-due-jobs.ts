import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { z } from 'zod';
import type { TDb, TStore } from '../db/connect.ts';
import type { TJobContext, TJobDefinition } from './define-job.ts';
import { maxAttemptsOf, type TJobRow } from './job-shape.ts';
import { jobDefinitions } from './registry.ts';

export type TRunDueJobs = {
  store: TStore;
  /**
   * The clock. Tests pass a fixed one; by default each claim reads the real time, so that the lease of a
   * job claimed late in a long call starts when that job starts.
   */
  now?: Date;
  /** At most this many jobs are run by this call. */
  limit?: number;
  /** Who holds the leases (default: host, process and a random suffix). */
  workerId?: string;
  /** Only jobs of these names (default: every name, unknown ones included, so that they are dead-lettered). */
  names?: string[];
  /** How long a claimed job stays this worker's: past it the job counts as abandoned and is claimed again. */
  leaseSeconds?: number;
  /** Jobs run at once; they are claimed this many at a time. */
  concurrency?: number;
};

export type TRunDueJobsResult = { ran: number; succeeded: number; retried: number; dead: number };
type TOutcome = 'succeeded' | 'retried' | 'dead';

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 3_600_000;
const MAX_ERROR_LENGTH = 4000;

/**
 * Claims due jobs and runs them: queued ones whose run_at has come, and running ones whose lease expired
 * (their worker was killed or hung: that is how a crash resumes). The claim is one statement
 * (`update … where key in (select … for update skip locked)`), so concurrent workers on a server never
 * claim the same job, and on PGlite (one session) statements do not interleave at all.
 *
 * A handler that throws is retried after 30 s × 2^(attempt − 1), capped at 1 h, until it has run
 * maxAttempts times; then, like an invalid payload or an unknown name, the job is dead and waits for
 * `retryJob`. Every run counts as an attempt, including one whose worker died, so a job that crashes
 * its worker every time is dead-lettered instead of looping.
 */
export async function runDueJobs(options: TRunDueJobs): Promise<TRunDueJobsResult> {
  const { store, limit = 50, leaseSeconds = 300, concurrency = 5 } = options;
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const totals: TRunDueJobsResult = { ran: 0, succeeded: 0, retried: 0, dead: 0 };
  while (totals.ran < limit) {
    const now = options.now ?? new Date();
    const jobs = await claimJobs(store.db, {
      now,
      count: Math.min(concurrency, limit - totals.ran),
      workerId,
      names: options.names,
      leaseSeconds,
    });
    if (jobs.length === 0) break;
    const outcomes = await Promise.all(jobs.map((job) => runJob(store, job, now, workerId)));
    totals.ran += jobs.length;
    for (const outcome of outcomes) totals[outcome]++;
  }
  return totals;
}

async function claimJobs(
  db: TDb,
  {
    now,
    count,
    workerId,
    names,
    leaseSeconds,
  }: { now: Date; count: number; workerId: string; names?: string[]; leaseSeconds: number },
): Promise<TJobRow[]> {
  if (names?.length === 0) return [];
  const due = db
    .selectFrom('jobs')
    .select(['workspace_id', 'id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .$if(names !== undefined, (qb) => qb.where('name', 'in', names!))
    .orderBy('run_at')
    .limit(count)
    .forUpdate()
    .skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: workerId,
      locked_until: new Date(now.getTime() + leaseSeconds * 1000),
      updated_at: now,
    }))
    .where((eb) => eb(eb.refTuple('workspace_id', 'id'), 'in', due.$asTuple('workspace_id', 'id')))
    .returningAll()
    .execute();
}

async function runJob(store: TStore, job: TJobRow, now: Date, workerId: string): Promise<TOutcome> {
  const definition = jobDefinitions.find((d) => d.name === job.name);
  const maxAttempts = maxAttemptsOf(job);
  if (!definition) {
    return finish(store.db, job, workerId, now, 'dead', `unknown job name "${job.name}": no definition`);
  }
  const payload = definition.schema.safeParse(job.payload);
  if (!payload.success) {
    const error = `invalid payload: ${z.prettifyError(payload.error)}`;
    return finish(store.db, job, workerId, now, 'dead', error);
  }
  const context: TJobContext = {
    store,
    db: store.db,
    workspaceId: job.workspace_id,
    jobId: job.id,
    attempt: job.attempts,
    now,
  };
  const die = async (error: string) =>
    finish(store.db, job, workerId, now, 'dead', await runOnDead(definition, payload.data, context, error));
  if (job.attempts > maxAttempts) {
    const gaveUp = `gave up after ${maxAttempts} attempts: the last one's worker stopped before finishing`;
    return die(job.last_error ? `${gaveUp}; ${job.last_error}` : gaveUp);
  }
  try {
    await definition.handler(payload.data, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts < maxAttempts) return finish(store.db, job, workerId, now, 'retried', message);
    return die(message);
  }
  return finish(store.db, job, workerId, now, 'succeeded');
}

/** The definition's `onDead`, if any; its own failure is appended to the job's error, never thrown. */
async function runOnDead(
  definition: TJobDefinition<unknown>,
  payload: unknown,
  context: TJobContext,
  error: string,
): Promise<string> {
  if (!definition.onDead) return error;
  try {
    await definition.onDead(payload, { ...context, error });
    return error;
  } catch (cause) {
    return `${error}; and on giving up: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

/**
 * Records the outcome, only while the job is still this worker's run: if its lease expired and another
 * worker claimed it meanwhile, that run owns the job now and this late result is dropped.
 */
async function finish(
  db: TDb,
  job: TJobRow,
  workerId: string,
  now: Date,
  outcome: TOutcome,
  error?: string,
): Promise<TOutcome> {
  const delayMs = Math.min(BACKOFF_BASE_MS * 2 ** (job.attempts - 1), BACKOFF_CAP_MS);
  await db
    .updateTable('jobs')
    .set({
      status: outcome === 'succeeded' ? 'done' : outcome === 'retried' ? 'queued' : 'dead',
      ...(outcome === 'retried' ? { run_at: new Date(now.getTime() + delayMs) } : { finished_at: now }),
      ...(error === undefined ? {} : { last_error: error.slice(0, MAX_ERROR_LENGTH) }),
      locked_by: null,
      locked_until: null,
      updated_at: now,
    })
    .where('workspace_id', '=', job.workspace_id)
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .execute();
  return outcome;
}
