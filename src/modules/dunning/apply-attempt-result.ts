import type { TStore } from '../../db/connect.ts';
import type { TChargeResult } from './charge-result.ts';
import { classifyDecline } from './classify-decline.ts';
import { loadDunningCase } from './load-dunning-case.ts';
import { scheduleBlockedFinal } from './schedule-blocked-final.ts';
import { scheduleNextStep } from './schedule-next-step.ts';
import { writeBillingRecord } from './write-billing-record.ts';

/**
 * Records what the provider said about attempt `attempt` (from the retry job, or later from the provider's
 * callback) and moves the case on. Safe to run twice: an attempt already settled is left alone.
 * - succeeded: a succeeded payment and the invoice marked paid go through ingest (MRR and health see them);
 *   the case is recovered.
 * - failed: a failed payment through ingest; a hard decline blocks the case until the payment method
 *   changes (and its deadline: scheduleBlockedFinal), a soft one schedules the next attempt (or the final
 *   action after the last).
 * - pending: the provider answers later; nothing else happens now.
 * - null (the charge's outcome is unknown after a crash): the attempt stays pending and the schedule goes on.
 * The ingest writes come first, in their own transactions (idempotent by payment id), then the case moves
 * in one transaction: a crash in between is repaired by the job's rerun.
 */
export async function applyAttemptResult({
  store,
  workspaceId,
  caseId,
  attempt,
  result,
  now,
}: {
  store: TStore;
  workspaceId: string;
  caseId: string;
  attempt: number;
  result: (TChargeResult & { provider?: string }) | null;
  now: Date;
}): Promise<void> {
  const db = store.db;
  const before = await loadDunningCase({ db, workspaceId, caseId });
  if (!before) return;
  const row = await db
    .selectFrom('dunning_attempts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .where('attempt_no', '=', attempt)
    .executeTakeFirst();
  if (row?.outcome !== 'pending') return;
  if (result === null || result.outcome === 'pending') {
    await db
      .updateTable('dunning_attempts')
      .set({
        attempted_at: now,
        provider: result?.provider ?? row.provider,
        provider_reference: result === null ? 'outcome_unknown' : row.provider_reference,
      })
      .where('workspace_id', '=', workspaceId)
      .where('case_id', '=', caseId)
      .where('attempt_no', '=', attempt)
      .execute();
    if (result === null && before.status === 'open')
      await scheduleNextStep(db, { dunningCase: before, attempt, now });
    return;
  }
  const isSuccess = result.outcome === 'succeeded';
  await writeBillingRecord({
    store,
    workspaceId,
    entity: 'payments',
    record: {
      id: `${caseId}_a${attempt}`,
      invoice_id: before.invoice_id,
      attempted_at: now,
      amount: before.amount,
      currency: before.currency,
      outcome: result.outcome,
      failure_code: isSuccess ? null : result.failure_code,
    },
  });
  if (isSuccess) {
    await writeBillingRecord({
      store,
      workspaceId,
      entity: 'invoices',
      record: { id: before.invoice_id, status: 'paid', paid_at: now },
      isPatch: true,
    });
  }
  await db.transaction().execute(async (trx) => {
    const dunningCase = await loadDunningCase({ db: trx, workspaceId, caseId, forUpdate: true });
    if (!dunningCase) return;
    const settled = await trx
      .updateTable('dunning_attempts')
      .set({
        attempted_at: now,
        outcome: result.outcome,
        failure_code: isSuccess ? null : result.failure_code,
        provider: result.provider ?? row.provider,
        provider_reference: result.provider_reference ?? row.provider_reference,
      })
      .where('workspace_id', '=', workspaceId)
      .where('case_id', '=', caseId)
      .where('attempt_no', '=', attempt)
      .where('outcome', '=', 'pending')
      .returning('attempt_no')
      .executeTakeFirst();
    if (!settled || dunningCase.status !== 'open') return;
    const attemptsMade = Math.max(dunningCase.attempts_made, attempt);
    if (isSuccess) {
      await trx
        .updateTable('dunning_cases')
        .set({
          status: 'recovered',
          attempts_made: attemptsMade,
          blocked_reason: null,
          recovered_at: now,
          recovered_attempt: attempt,
          closed_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', caseId)
        .execute();
      return;
    }
    const kind = classifyDecline(result.failure_code);
    await trx
      .updateTable('dunning_cases')
      .set({
        attempts_made: attemptsMade,
        decline_kind: kind,
        last_failure_code: result.failure_code,
        last_failure_at: now,
        blocked_reason: kind === 'hard' ? 'awaiting_payment_method' : null,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', caseId)
      .execute();
    if (kind === 'soft') {
      await scheduleNextStep(trx, { dunningCase, attempt, now });
      return;
    }
    await scheduleBlockedFinal(trx, {
      workspaceId,
      caseId,
      policy: dunningCase.policy,
      openedAt: dunningCase.opened_at,
      attemptsMade,
      now,
    });
  });
}
