import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TTask } from './create-task.ts';
import { TASK_COLUMNS, toTask } from './task-shape.ts';

/** One task of the workspace; not_found otherwise (another workspace's task included). */
export async function getTask({
  db,
  workspaceId,
  taskId,
}: {
  db: TDb;
  workspaceId: string;
  taskId: string;
}): Promise<TTask> {
  const row = await db
    .selectFrom('tasks')
    .select([...TASK_COLUMNS])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no task "${taskId}" in this workspace`);
  return toTask(row);
}
