import { sql } from 'kysely';
import type { TStore } from '../../db/connect.ts';
import { queueWebhookEvent } from '../webhooks/queue-webhook-event.ts';
import { loadDunningCase } from './load-dunning-case.ts';
import { writeBillingRecord } from './write-billing-record.ts';

/**
 * The `dunning.final` job, `grace_days` after the last failed attempt: the policy's final action, then the
 * case is failed. `cancel` cancels the invoice's subscriptions (reason `payment_failed`), `leave_past_due`
 * marks them past due (both through ingest, so MRR and lifecycle follow), `webhook` sends
 * `dunning.final_action` for the workspace's own process. Nothing happens if the case was recovered or
 * closed meanwhile. The subscriptions are those billed on the invoice, else the account's live ones.
 *
 * With `blockedAfterAttempt` it is a hard-declined case's deadline (scheduleBlockedFinal): it acts only if
 * the case is still blocked by that same decline, i.e. no payment method unblocked it and no attempt ran since.
 */
export async function finalizeDunningCase({
  store,
  workspaceId,
  caseId,
  blockedAfterAttempt,
  now,
}: {
  store: TStore;
  workspaceId: string;
  caseId: string;
  blockedAfterAttempt?: number;
  now: Date;
}): Promise<'skipped' | 'leave_past_due' | 'cancel' | 'webhook'> {
  const db = store.db;
  const dunningCase = await loadDunningCase({ db, workspaceId, caseId });
  if (dunningCase?.status !== 'open') return 'skipped';
  if (
    blockedAfterAttempt !== undefined &&
    (dunningCase.blocked_reason === null || dunningCase.attempts_made !== blockedAfterAttempt)
  ) {
    return 'skipped';
  }
  const action = dunningCase.policy.final_action;
  const { rows } = await sql<{ id: string }>`
    select s.id from subscriptions s
    where s.workspace_id = ${workspaceId} and s.status <> 'cancelled'
      and (s.id in (select l.subscription_id from invoice_lines l
            where l.workspace_id = ${workspaceId} and l.invoice_id = ${dunningCase.invoice_id})
        or (not exists (select 1 from invoice_lines l where l.workspace_id = ${workspaceId}
              and l.invoice_id = ${dunningCase.invoice_id} and l.subscription_id is not null)
          and s.account_id = ${dunningCase.account_id}))
    order by s.id`.execute(db);
  const subscriptionIds = rows.map((r) => r.id);
  if (action === 'webhook') {
    await queueWebhookEvent({
      db,
      workspaceId,
      eventType: 'dunning.final_action',
      idempotencyKey: `dunning:${caseId}:final`,
      payload: {
        case_id: caseId,
        account_id: dunningCase.account_id,
        invoice_id: dunningCase.invoice_id,
        amount: Number(dunningCase.amount),
        currency: dunningCase.currency,
        attempts_made: dunningCase.attempts_made,
        last_failure_code: dunningCase.last_failure_code,
        subscription_ids: subscriptionIds,
      },
    });
  } else {
    for (const id of subscriptionIds) {
      const patch =
        action === 'cancel'
          ? { id, status: 'cancelled', cancelled_at: now, cancellation_reason: 'payment_failed' }
          : { id, status: 'past_due' };
      await writeBillingRecord({ store, workspaceId, entity: 'subscriptions', record: patch, isPatch: true });
    }
  }
  await db
    .updateTable('dunning_cases')
    .set({ status: 'failed', final_action_taken: action, closed_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', caseId)
    .where('status', '=', 'open')
    .execute();
  return action;
}
