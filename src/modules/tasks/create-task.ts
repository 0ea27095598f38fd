import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

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
  completed_at: string | null;
};

/** Contract stub (issue 4): implemented by the tasks area. */
export async function createTask(_input: TCreateTask): Promise<TTask> {
  throw new Error('createTask: not implemented yet');
}
