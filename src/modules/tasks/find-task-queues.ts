import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { localToday } from './local-today.ts';
import { isCalendarDay, OPEN_STATUSES } from './task-shape.ts';

export type TTaskQueue = {
  /** null: the unassigned tasks. */
  owner_email: string | null;
  open: number;
  overdue: number;
  due_today: number;
};

/**
 * The team view: per owner, open work (open or in progress), how much of it is overdue (due before today)
 * and due today, "today" being the workspace's local day. Owners with no open task do not appear.
 */
export async function findTaskQueues({
  db,
  workspaceId,
  date,
  now,
}: {
  db: TDb;
  workspaceId: string;
  /** The day to count "overdue" and "due today" against (`YYYY-MM-DD`); default: today, from `now`. */
  date?: string;
  now?: Date;
}): Promise<{ date: string; queues: TTaskQueue[] }> {
  if (date !== undefined && !isCalendarDay(date)) {
    throw new AppError('invalid_input', 'date: expected a date YYYY-MM-DD');
  }
  const today = date ?? localToday((await getWorkspace({ db, workspaceId })).timezone, now);
  const rows = await db
    .selectFrom('tasks')
    .select([
      'owner_email',
      sql<number>`count(*)`.as('open'),
      sql<number>`count(*) filter (where due_on < ${today}::date)`.as('overdue'),
      sql<number>`count(*) filter (where due_on = ${today}::date)`.as('due_today'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('owner_email')
    .orderBy(sql`owner_email asc nulls last`)
    .execute();
  return {
    date: today,
    queues: rows.map((r) => ({
      owner_email: r.owner_email,
      open: Number(r.open),
      overdue: Number(r.overdue),
      due_today: Number(r.due_today),
    })),
  };
}
