import type { TDb } from '../db/connect.ts';
import type { TJobStatus } from '../db/schema-jobs.ts';
import { type TJob, toJob } from './job-shape.ts';

export const JOB_STATUSES: TJobStatus[] = ['queued', 'running', 'done', 'dead'];

/** A workspace's jobs, newest first, optionally of one status and name (admin visibility). */
export async function findJobs({
  db,
  workspaceId,
  status,
  name,
  limit = 50,
}: {
  db: TDb;
  workspaceId: string;
  status?: TJobStatus;
  name?: string;
  limit?: number;
}): Promise<{ jobs: TJob[] }> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .$if(name !== undefined, (qb) => qb.where('name', '=', name!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return { jobs: rows.map(toJob) };
}
