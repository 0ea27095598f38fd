import type { TDb } from '../../db/connect.ts';
import type { TTask } from './create-task.ts';
import { TASK_COLUMNS, toTask } from './task-shape.ts';

/** The task created with this idempotency key, if any. */
export async function findTaskByKey({
  db,
  workspaceId,
  idempotencyKey,
}: {
  db: TDb;
  workspaceId: string;
  idempotencyKey: string;
}): Promise<TTask | undefined> {
  const row = await db
    .selectFrom('tasks')
    .select([...TASK_COLUMNS])
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row ? toTask(row) : undefined;
}
