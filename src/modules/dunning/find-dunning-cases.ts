import type { TDb } from '../../db/connect.ts';
import type { DunningCaseStatus } from '../../db/schema-dunning.ts';
import { findNextDunningSteps, type TNextDunningStep } from './find-next-dunning-steps.ts';
import type { TDunningCaseRow } from './load-dunning-case.ts';

export type TDunningCase = {
  id: string;
  invoice_id: string;
  account_id: string;
  status: DunningCaseStatus;
  decline_kind: 'hard' | 'soft';
  first_failure_code: string | null;
  last_failure_code: string | null;
  attempts_made: number;
  blocked_reason: string | null;
  amount: number;
  currency: string;
  mrr: number;
  tier: string | null;
  policy_id: string | null;
  opened_at: string;
  recovered_at: string | null;
  recovered_attempt: number | null;
  closed_at: string | null;
  final_action_taken: string | null;
  /** The next scheduled retry or final action; null when nothing is scheduled (closed, or held). */
  next_step: TNextDunningStep | null;
};

/** A case row as the API shows it. */
export function toDunningCase(
  row: Omit<TDunningCaseRow, 'policy'>,
  nextStep: TNextDunningStep | undefined,
): TDunningCase {
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: row.id,
    invoice_id: row.invoice_id,
    account_id: row.account_id,
    status: row.status,
    decline_kind: row.decline_kind,
    first_failure_code: row.first_failure_code,
    last_failure_code: row.last_failure_code,
    attempts_made: row.attempts_made,
    blocked_reason: row.blocked_reason,
    amount: Number(row.amount),
    currency: row.currency,
    mrr: Number(row.mrr),
    tier: row.tier,
    policy_id: row.policy_id,
    opened_at: iso(row.opened_at)!,
    recovered_at: iso(row.recovered_at),
    recovered_attempt: row.recovered_attempt,
    closed_at: iso(row.closed_at),
    final_action_taken: row.final_action_taken,
    next_step: nextStep ?? null,
  };
}

/** A page of the workspace's dunning cases, newest first, optionally of one status or account, with the total. */
export async function findDunningCases({
  db,
  workspaceId,
  status,
  accountId,
  limit = 100,
  offset = 0,
}: {
  db: TDb;
  workspaceId: string;
  status?: DunningCaseStatus;
  accountId?: string;
  limit?: number;
  offset?: number;
}): Promise<{ total: number; limit: number; offset: number; cases: TDunningCase[] }> {
  let filtered = db.selectFrom('dunning_cases').where('workspace_id', '=', workspaceId);
  if (status) filtered = filtered.where('status', '=', status);
  if (accountId) filtered = filtered.where('account_id', '=', accountId);
  const [rows, count] = await Promise.all([
    filtered.selectAll().orderBy('opened_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const next = await findNextDunningSteps({
    db,
    workspaceId,
    caseIds: rows.filter((r) => r.status === 'open').map((r) => r.id),
  });
  return {
    total: Number(count.n),
    limit,
    offset,
    cases: rows.map((row) => toDunningCase(row, next.get(row.id))),
  };
}
