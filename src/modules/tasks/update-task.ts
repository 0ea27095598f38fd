import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { checkTaskFields } from './check-task-fields.ts';
import type { TTask, TTaskPriority, TTaskStatus } from './create-task.ts';
import { TASK_COLUMNS, toTask } from './task-shape.ts';

export type TUpdateTaskInput = {
  db: TDb;
  workspaceId: string;
  taskId: string;
  title?: string;
  description?: string | null;
  /** `null` unassigns. */
  ownerEmail?: string | null;
  /** `null` clears the due date. */
  dueOn?: string | null;
  priority?: TTaskPriority;
  status?: TTaskStatus;
  /** When a change to `done` is recorded (default: now). */
  now?: Date;
};

/**
 * Changes a task. `completed_at` follows the status: set when it becomes done (kept when it was done
 * already, so re-sending `done` does not move the date), cleared when it leaves done (a reopened task).
 */
export async function updateTask(input: TUpdateTaskInput): Promise<TTask> {
  const { db, workspaceId, taskId } = input;
  const title = input.title?.trim();
  checkTaskFields({
    title,
    dueOn: input.dueOn,
    priority: input.priority,
    status: input.status,
    ownerEmail: input.ownerEmail,
  });
  const now = input.now ?? new Date();
  const completedAt =
    input.status === undefined
      ? undefined
      : input.status === 'done'
        ? sql<Date>`coalesce(completed_at, ${now.toISOString()}::timestamptz)`
        : null;
  const row = await db
    .updateTable('tasks')
    .set({
      title,
      description: input.description,
      owner_email: input.ownerEmail,
      due_on: input.dueOn,
      priority: input.priority,
      status: input.status,
      completed_at: completedAt,
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .returning([...TASK_COLUMNS])
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no task "${taskId}" in this workspace`);
  return toTask(row);
}
