import { z } from 'zod';
import type { TDb } from '../db/connect.ts';
import { defineJob } from './define-job.ts';

/** How long finished jobs stay visible (`GET /v1/jobs?status=done`) before the daily prune removes them. */
export const DONE_JOBS_KEPT_DAYS = 14;

/**
 * Deletes a workspace's jobs that finished successfully more than `keptDays` before `now`. Every schedule
 * adds one job per workspace per slot, so without this the table grows by thousands of rows a day. Dead
 * jobs stay until an admin retries them (they are the dead-letter list), and `side_effects` rows stay for
 * good: they are what stops an email or a charge from happening twice.
 */
export async function pruneJobs({
  db,
  workspaceId,
  now,
  keptDays = DONE_JOBS_KEPT_DAYS,
}: {
  db: TDb;
  workspaceId: string;
  now: Date;
  keptDays?: number;
}): Promise<number> {
  const before = new Date(now.getTime() - keptDays * 86_400_000);
  const result = await db
    .deleteFrom('jobs')
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'done')
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const pruneJobsJob = defineJob({
  name: 'jobs.prune',
  schema: z.object({}),
  handler: async (_payload, { db, workspaceId, now }) => {
    await pruneJobs({ db, workspaceId, now });
  },
});
