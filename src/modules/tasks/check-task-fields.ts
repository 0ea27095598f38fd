import { AppError } from '../../errors.ts';
import { isCalendarDay, TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from './task-shape.ts';

/** The checks shared by create and update; each failure names its field (snake_case, as the API). */
export function checkTaskFields(fields: {
  title?: string;
  dueOn?: string | null;
  priority?: string;
  status?: string;
  source?: string;
  ownerEmail?: string | null;
}): void {
  const fail = (field: string, message: string) => {
    throw new AppError('invalid_input', `${field}: ${message}`, [{ field, message }]);
  };
  if (fields.title !== undefined && (fields.title.trim() === '' || fields.title.length > 500)) {
    fail('title', 'expected 1 to 500 characters');
  }
  if (fields.dueOn != null && !isCalendarDay(fields.dueOn)) fail('due_on', 'expected a date YYYY-MM-DD');
  const oneOf = (field: string, value: string | undefined, options: readonly string[]) => {
    if (value !== undefined && !options.includes(value)) fail(field, `expected one of ${options.join(', ')}`);
  };
  oneOf('priority', fields.priority, TASK_PRIORITIES);
  oneOf('status', fields.status, TASK_STATUSES);
  oneOf('source', fields.source, TASK_SOURCES);
  if (fields.ownerEmail != null && !/^[^\s@]+@[^\s@]+$/.test(fields.ownerEmail)) {
    fail('owner_email', 'expected an email address');
  }
}
