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
  maxAttempts?: number;
};

/**
 * Adds a job; pass a transaction as `db` to enqueue atomically with the change that caused it.
 * Contract stub (issue 4): implemented by the jobs area.
 */
export async function enqueueJob(
  _db: Kysely<Database>,
  _job: TEnqueueJob,
): Promise<{ id: string; isNew: boolean }> {
  throw new Error('enqueueJob: not implemented yet');
}
