import type { TStore } from '../../db/connect.ts';
import { performSideEffectOnce } from '../../jobs/perform-side-effect-once.ts';
import { addDays } from './add-days.ts';
import { applyAttemptResult } from './apply-attempt-result.ts';
import { chargeInvoice } from './charge-invoice.ts';
import { getPaymentProvider } from './get-payment-provider.ts';
import { loadDunningCase } from './load-dunning-case.ts';
import { scheduleNextStep } from './schedule-next-step.ts';

/**
 * The `dunning.retry` job: attempt `attempt` of a case. Skipped when the case is no longer open or is
 * blocked (a hard decline: upsertPaymentMethod schedules the attempt again). The charge runs inside
 * performSideEffectOnce with the key `dunning:<case>:attempt:<n>`, also the provider's idempotency key:
 * - a rerun after the charge completed (worker killed before recording) gets the stored result back and
 *   records it, never charging twice;
 * - a provider error throws before any result, the claim is released and the job retries with the same
 *   key, which the provider dedupes (Stripe answers a repeated key from its record);
 * - `uncertain` (killed mid-charge): the attempt stays pending and is not charged again; the next attempt
 *   is scheduled, since Stripe refuses to pay an already paid invoice and its webhook (or the next scan)
 *   closes the case as recovered if the lost charge went through.
 * Without a payment provider (billing data imported, the billing system retrying on its own) nothing is
 * charged: the attempt stays pending with reference `no_payment_provider` and the schedule goes on, so the
 * notices, the CSM task and the final action still happen, and a payment imported meanwhile recovers the case.
 */
export async function retryDunningCase({
  store,
  workspaceId,
  caseId,
  attempt,
  now,
}: {
  store: TStore;
  workspaceId: string;
  caseId: string;
  attempt: number;
  now: Date;
}): Promise<'skipped' | 'succeeded' | 'failed' | 'pending' | 'uncertain'> {
  const db = store.db;
  const dunningCase = await loadDunningCase({ db, workspaceId, caseId });
  if (dunningCase?.status !== 'open') return 'skipped';
  const recorded = await db
    .selectFrom('dunning_attempts')
    .select('outcome')
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .where('attempt_no', '=', attempt)
    .executeTakeFirst();
  if (recorded && recorded.outcome !== 'pending') return 'skipped';
  if (!recorded && dunningCase.blocked_reason !== null) return 'skipped';
  const key = `dunning:${caseId}:attempt:${attempt}`;
  await db
    .insertInto('dunning_attempts')
    .values({
      workspace_id: workspaceId,
      case_id: caseId,
      attempt_no: attempt,
      scheduled_at: addDays(dunningCase.schedule_anchor, dunningCase.policy.retry_days[attempt - 1] ?? 0),
      idempotency_key: key,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'case_id', 'attempt_no']).doNothing())
    .execute();
  if ((await getPaymentProvider({ db, workspaceId })).kind === null) {
    await db
      .updateTable('dunning_attempts')
      .set({ attempted_at: now, provider_reference: 'no_payment_provider' })
      .where('workspace_id', '=', workspaceId)
      .where('case_id', '=', caseId)
      .where('attempt_no', '=', attempt)
      .where('outcome', '=', 'pending')
      .execute();
    await scheduleNextStep(db, { dunningCase, attempt, now });
    return 'skipped';
  }
  const effect = await performSideEffectOnce({
    db,
    workspaceId,
    key,
    kind: 'payment_retry',
    now,
    perform: () => chargeInvoice({ db, dunningCase, attempt, idempotencyKey: key }),
  });
  if (effect.status === 'uncertain') {
    await applyAttemptResult({ store, workspaceId, caseId, attempt, now, result: null });
    return 'uncertain';
  }
  await applyAttemptResult({ store, workspaceId, caseId, attempt, now, result: effect.result });
  return effect.result.outcome;
}
