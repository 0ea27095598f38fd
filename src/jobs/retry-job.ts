import type { TDb } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { getJob } from './get-job.ts';
import { type TJob, toJob } from './job-shape.ts';

/**
 * Puts a dead job back in the queue, due now, with its attempts reset (its last error stays visible until
 * the next run). Only dead jobs: retrying a queued or running one would run it twice.
 */
export async function retryJob({
  db,
  workspaceId,
  jobId,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  jobId: string;
  now?: Date;
}): Promise<TJob> {
  const row = await db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: now, attempts: 0, finished_at: null, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', jobId)
    .where('status', '=', 'dead')
    .returningAll()
    .executeTakeFirst();
  if (row) return toJob(row);
  const job = await getJob({ db, workspaceId, jobId });
  throw new AppError('conflict', `job ${jobId} is ${job.status}: only a dead job can be retried`);
}
