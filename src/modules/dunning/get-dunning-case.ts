import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TDunningPolicy } from './dunning-policy.ts';
import { type TDunningCase, toDunningCase } from './find-dunning-cases.ts';
import { findNextDunningSteps } from './find-next-dunning-steps.ts';
import { loadDunningCase } from './load-dunning-case.ts';

export type TDunningAttempt = {
  attempt_no: number;
  scheduled_at: string;
  attempted_at: string | null;
  provider: string | null;
  idempotency_key: string;
  outcome: 'pending' | 'succeeded' | 'failed';
  failure_code: string | null;
  provider_reference: string | null;
};

/** One case with its policy snapshot and its attempts; another workspace's case is `not_found`. */
export async function getDunningCase({
  db,
  workspaceId,
  caseId,
}: {
  db: TDb;
  workspaceId: string;
  caseId: string;
}): Promise<TDunningCase & { policy: TDunningPolicy; attempts: TDunningAttempt[] }> {
  const row = await loadDunningCase({ db, workspaceId, caseId });
  if (!row) throw new AppError('not_found', `no dunning case "${caseId}" in this workspace`);
  const attempts = await db
    .selectFrom('dunning_attempts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .orderBy('attempt_no')
    .execute();
  const next =
    row.status === 'open' ? await findNextDunningSteps({ db, workspaceId, caseIds: [caseId] }) : undefined;
  return {
    ...toDunningCase(row, next?.get(caseId)),
    policy: row.policy,
    attempts: attempts.map((a) => ({
      attempt_no: a.attempt_no,
      scheduled_at: new Date(a.scheduled_at).toISOString(),
      attempted_at: a.attempted_at ? new Date(a.attempted_at).toISOString() : null,
      provider: a.provider,
      idempotency_key: a.idempotency_key,
      outcome: a.outcome,
      failure_code: a.failure_code,
      provider_reference: a.provider_reference,
    })),
  };
}
