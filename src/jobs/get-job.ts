import type { TDb } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { type TJob, toJob } from './job-shape.ts';

/** One job of the workspace; another workspace's job is `not_found` like a missing one. */
export async function getJob({
  db,
  workspaceId,
  jobId,
}: {
  db: TDb;
  workspaceId: string;
  jobId: string;
}): Promise<TJob> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no job ${jobId}`);
  return toJob(row);
}
