import type { Selectable } from 'kysely';
import type { TasksTable } from '../../db/schema-retention.ts';
import type { TTask } from './create-task.ts';

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_SOURCES = ['manual', 'playbook', 'dunning'] as const;
/** Open work: what a queue counts and what can be overdue. */
export const OPEN_STATUSES = ['open', 'in_progress'] as const;

export const TASK_COLUMNS = [
  'id',
  'account_id',
  'title',
  'description',
  'owner_email',
  'due_on',
  'priority',
  'status',
  'source',
  'source_playbook_id',
  'source_enrollment_id',
  'created_at',
  'updated_at',
  'completed_at',
] as const;

type TTaskRow = Pick<Selectable<TasksTable>, (typeof TASK_COLUMNS)[number]>;

export function toTask(row: TTaskRow): TTask {
  return {
    ...row,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    completed_at: row.completed_at ? row.completed_at.toISOString() : null,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` calendar date, or null; anything else is `invalid_input` naming the field. */
export function isCalendarDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
