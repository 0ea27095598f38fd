import type { TDb } from '../../db/connect.ts';
import type { PlaybookEnrollmentStatus } from '../../db/schema-playbooks.ts';
import { AppError } from '../../errors.ts';
import { getPlaybook } from './get-playbook.ts';

export type TEnrollmentLogEntry = {
  seq: number;
  at: string;
  step_id: string | null;
  step_type: string | null;
  outcome: string;
  detail: Record<string, unknown>;
};

export type TEnrollment = {
  id: string;
  playbook_id: string;
  playbook_name: string;
  playbook_version: number;
  account_id: string;
  occurrence_key: string;
  status: PlaybookEnrollmentStatus;
  next_step_id: string | null;
  resume_at: string | null;
  context: Record<string, unknown>;
  enrolled_at: string;
  finished_at: string | null;
  exit_reason: string | null;
  log: TEnrollmentLogEntry[];
};

/**
 * Enrollments, newest first, each with its step log: of one playbook, or of one account (its history
 * across playbooks). An unknown playbook or account is `not_found`.
 */
export async function findEnrollments({
  db,
  workspaceId,
  playbookId,
  accountId,
  limit = 200,
}: {
  db: TDb;
  workspaceId: string;
  playbookId?: string;
  accountId?: string;
  limit?: number;
}): Promise<{ enrollments: TEnrollment[] }> {
  if (playbookId !== undefined) await getPlaybook({ db, workspaceId, playbookId });
  if (accountId !== undefined) {
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account) throw new AppError('not_found', `no account "${accountId}" in this workspace`);
  }
  const rows = await db
    .selectFrom('playbook_enrollments as e')
    .innerJoin('playbooks as p', (join) =>
      join.onRef('p.workspace_id', '=', 'e.workspace_id').onRef('p.id', '=', 'e.playbook_id'),
    )
    .selectAll('e')
    .select('p.name as playbook_name')
    .where('e.workspace_id', '=', workspaceId)
    .$if(playbookId !== undefined, (qb) => qb.where('e.playbook_id', '=', playbookId!))
    .$if(accountId !== undefined, (qb) => qb.where('e.account_id', '=', accountId!))
    .orderBy('e.enrolled_at', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const logs =
    ids.length === 0
      ? []
      : await db
          .selectFrom('playbook_enrollment_log')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('enrollment_id', 'in', ids)
          .orderBy('enrollment_id')
          .orderBy('seq')
          .execute();
  const byEnrollment = new Map<string, TEnrollmentLogEntry[]>();
  for (const entry of logs) {
    const list = byEnrollment.get(entry.enrollment_id) ?? [];
    list.push({
      seq: entry.seq,
      at: entry.at.toISOString(),
      step_id: entry.step_id,
      step_type: entry.step_type,
      outcome: entry.outcome,
      detail: entry.detail,
    });
    byEnrollment.set(entry.enrollment_id, list);
  }
  return {
    enrollments: rows.map((r) => ({
      id: r.id,
      playbook_id: r.playbook_id,
      playbook_name: r.playbook_name,
      playbook_version: r.playbook_version,
      account_id: r.account_id,
      occurrence_key: r.occurrence_key,
      status: r.status,
      next_step_id: r.next_step_id,
      resume_at: r.resume_at?.toISOString() ?? null,
      context: r.context,
      enrolled_at: r.enrolled_at.toISOString(),
      finished_at: r.finished_at?.toISOString() ?? null,
      exit_reason: r.exit_reason,
      log: byEnrollment.get(r.id) ?? [],
    })),
  };
}
