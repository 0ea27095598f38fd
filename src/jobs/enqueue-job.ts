import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type TEnqueueJob = {
  workspaceId: string;
  /** A registered job definition's name. */
  name: string;
  payload: unknown;
  /**
   * The job's id. Give a deterministic one (e.g. `dunning.retry:inv_1:3`) wherever two writers could
   * enqueue the same work: the second enqueue is then a no-op. Default: a random id.
   */
  key?: string;
  /** When the job becomes due (default: now). */
  runAt?: Date;
  /** Default: the definition's maxAttempts (5 when it names none), looked up when the job runs. */
  maxAttempts?: number;
};

/**
 * Adds a job; pass a transaction as `db` to enqueue atomically with the change that caused it (a rollback
 * then removes the job too). An existing job with the same key is left as it is, whatever its status:
 * `isNew` is false and nothing changes.
 */
export async function enqueueJob(
  db: Kysely<Database>,
  job: TEnqueueJob,
): Promise<{ id: string; isNew: boolean }> {
  const id = job.key ?? randomUUID();
  const inserted = await db
    .insertInto('jobs')
    .values({
      workspace_id: job.workspaceId,
      id,
      name: job.name,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? new Date(),
      max_attempts: job.maxAttempts ?? null,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return { id, isNew: inserted !== undefined };
}
