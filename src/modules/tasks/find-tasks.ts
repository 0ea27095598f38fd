import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { checkTaskFields } from './check-task-fields.ts';
import type { TTask, TTaskStatus } from './create-task.ts';
import { localToday } from './local-today.ts';
import { isCalendarDay, OPEN_STATUSES, TASK_COLUMNS, toTask } from './task-shape.ts';

export const MAX_TASK_PAGE = 500;

export type TFindTasksInput = {
  db: TDb;
  workspaceId: string;
  /** An owner's email, or `unassigned` for tasks without one. */
  owner?: string;
  statuses?: TTaskStatus[];
  accountId?: string;
  source?: 'manual' | 'playbook' | 'dunning';
  /** Due on or before this day. */
  dueBefore?: string;
  /** Due on or after this day. */
  dueAfter?: string;
  /** Only open or in-progress tasks due before today (workspace time zone). */
  isOverdue?: boolean;
  /** "Today" for `isOverdue` (default: from the clock). */
  now?: Date;
  limit?: number;
  offset?: number;
};

/** `urgent` first: the order a CSM works a day's tasks in. */
const PRIORITY_RANK = sql<number>`case t.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/**
 * A page of tasks matching the filters with the total, by due date (undated last), then priority, then
 * creation. Every filter combines with AND.
 */
export async function findTasks(
  input: TFindTasksInput,
): Promise<{ total: number; limit: number; offset: number; tasks: TTask[] }> {
  const { db, workspaceId } = input;
  const limit = input.limit ?? 100;
  const offset = input.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TASK_PAGE) {
    throw new AppError('invalid_input', `limit: expected 1 to ${MAX_TASK_PAGE}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new AppError('invalid_input', 'offset: expected ≥ 0');
  for (const status of input.statuses ?? []) checkTaskFields({ status });
  checkTaskFields({ source: input.source });
  for (const [name, day] of [
    ['due_before', input.dueBefore],
    ['due_after', input.dueAfter],
  ] as const) {
    if (day !== undefined && !isCalendarDay(day)) {
      throw new AppError('invalid_input', `${name}: expected a date YYYY-MM-DD`);
    }
  }
  if (input.accountId !== undefined) {
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.accountId)
      .executeTakeFirst();
    if (!account) throw new AppError('not_found', `no account "${input.accountId}" in this workspace`);
  }
  const today = input.isOverdue
    ? localToday((await getWorkspace({ db, workspaceId })).timezone, input.now)
    : undefined;
  const filtered = db
    .selectFrom('tasks as t')
    .where('t.workspace_id', '=', workspaceId)
    .$if(input.owner === 'unassigned', (q) => q.where('t.owner_email', 'is', null))
    .$if(input.owner !== undefined && input.owner !== 'unassigned', (q) =>
      q.where(sql`lower(t.owner_email)`, '=', input.owner!.toLowerCase()),
    )
    .$if(Boolean(input.statuses?.length), (q) => q.where('t.status', 'in', input.statuses!))
    .$if(input.accountId !== undefined, (q) => q.where('t.account_id', '=', input.accountId!))
    .$if(input.source !== undefined, (q) => q.where('t.source', '=', input.source!))
    .$if(input.dueBefore !== undefined, (q) => q.where('t.due_on', '<=', input.dueBefore!))
    .$if(input.dueAfter !== undefined, (q) => q.where('t.due_on', '>=', input.dueAfter!))
    .$if(today !== undefined, (q) =>
      q.where('t.due_on', '<', today!).where('t.status', 'in', [...OPEN_STATUSES]),
    );
  const [count, rows] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    filtered
      .select(TASK_COLUMNS.map((c) => `t.${c}` as const))
      .orderBy(sql`t.due_on asc nulls last`)
      .orderBy(PRIORITY_RANK)
      .orderBy('t.created_at')
      .orderBy('t.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(count.n), limit, offset, tasks: rows.map(toTask) };
}
