import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { checkTaskFields } from './check-task-fields.ts';
import { findTaskByKey } from './find-task-by-key.ts';
import { TASK_COLUMNS, toTask } from './task-shape.ts';

export type TTaskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TTaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

export type TCreateTask = {
  db: Kysely<Database>;
  workspaceId: string;
  accountId: string;
  title: string;
  description?: string | null;
  /** Default: the account's owner (`accounts.owner_email`). */
  ownerEmail?: string | null;
  /** `YYYY-MM-DD`. */
  dueOn?: string | null;
  priority?: TTaskPriority;
  source?: 'manual' | 'playbook' | 'dunning';
  sourcePlaybookId?: string | null;
  sourceEnrollmentId?: string | null;
  /** Same key, same task: a second call returns the first task. */
  idempotencyKey?: string;
};

export type TTask = {
  id: string;
  account_id: string;
  title: string;
  description: string | null;
  owner_email: string | null;
  due_on: string | null;
  priority: TTaskPriority;
  status: TTaskStatus;
  source: 'manual' | 'playbook' | 'dunning';
  source_playbook_id: string | null;
  source_enrollment_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
};

/**
 * Creates an open task on an account (not_found when the account is not in the workspace). The owner
 * defaults to the account's owner; an explicit `ownerEmail: null` leaves it unassigned. With an
 * idempotency key the insert is `on conflict do nothing` against the unique (workspace, key) index, so two
 * racing calls (a retried playbook step) still make one task, and both return it.
 */
export async function createTask(input: TCreateTask): Promise<TTask> {
  const { db, workspaceId } = input;
  const title = input.title?.trim() ?? '';
  checkTaskFields({
    title,
    dueOn: input.dueOn,
    priority: input.priority,
    source: input.source,
    ownerEmail: input.ownerEmail,
  });
  const account = await db
    .selectFrom('accounts')
    .select('owner_email')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', input.accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('not_found', `no account "${input.accountId}" in this workspace`);
  const key = input.idempotencyKey ?? null;
  const inserted = await db
    .insertInto('tasks')
    .values({
      workspace_id: workspaceId,
      id: `task_${randomBytes(8).toString('hex')}`,
      account_id: input.accountId,
      title,
      description: input.description ?? null,
      owner_email: input.ownerEmail === undefined ? account.owner_email : input.ownerEmail,
      due_on: input.dueOn ?? null,
      priority: input.priority ?? 'normal',
      source: input.source ?? 'manual',
      source_playbook_id: input.sourcePlaybookId ?? null,
      source_enrollment_id: input.sourceEnrollmentId ?? null,
      idempotency_key: key,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning([...TASK_COLUMNS])
    .executeTakeFirst();
  if (inserted) return toTask(inserted);
  const existing = key ? await findTaskByKey({ db, workspaceId, idempotencyKey: key }) : undefined;
  if (!existing) throw new Error('a task insert did nothing without an idempotency key');
  return existing;
}
