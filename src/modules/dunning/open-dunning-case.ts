import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { createTask } from '../tasks/create-task.ts';
import { addDays } from './add-days.ts';
import { classifyDecline } from './classify-decline.ts';
import { enqueueDunningRetry } from './enqueue-dunning-retry.ts';
import { resolveDunningPolicy } from './resolve-dunning-policy.ts';
import { scheduleBlockedFinal } from './schedule-blocked-final.ts';

export const NOTIFY_JOB = 'dunning.notify';

export type TFailedInvoice = {
  invoice_id: string;
  account_id: string;
  first_failure_code: string | null;
  last_failure_code: string | null;
  last_failure_at: Date;
  amount: string;
  currency: string;
};

/**
 * Opens the case `dun_<invoice>` for a failed invoice, in the caller's transaction, and schedules its work:
 * - a soft decline: attempt 1 at `opened_at + retry_days[0]` days (each failure schedules the next);
 * - a hard one: no attempt until the account's payment method changes (upsertPaymentMethod resumes it),
 *   unless it already changed after the failure; the final action at the block's deadline if it never does;
 * - one `dunning.notify` job per `notify_days` entry; with `csm_task_first` a high-priority task for the
 *   account owner at once and the first email `task_days_before_email` days later, so the CSM can call
 *   before the customer gets a form letter.
 * Returns false when the case already existed (two scans racing open it once).
 */
export async function openDunningCase({
  db,
  workspaceId,
  timezone,
  reportingCurrency,
  failed,
  now,
}: {
  db: TDb;
  workspaceId: string;
  timezone: string;
  reportingCurrency: string;
  failed: TFailedInvoice;
  now: Date;
}): Promise<boolean> {
  const caseId = `dun_${failed.invoice_id}`;
  const today = todayIn(timezone, now);
  const { policy, policyId, tier, mrr } = await resolveDunningPolicy({
    db,
    workspaceId,
    accountId: failed.account_id,
    today,
  });
  const kind = classifyDecline(failed.last_failure_code);
  const isBlocked = kind === 'hard' && !(await hasNewPaymentMethod(db, workspaceId, failed));
  const inserted = await db
    .insertInto('dunning_cases')
    .values({
      workspace_id: workspaceId,
      id: caseId,
      invoice_id: failed.invoice_id,
      account_id: failed.account_id,
      status: 'open',
      decline_kind: kind,
      first_failure_code: failed.first_failure_code,
      last_failure_code: failed.last_failure_code,
      last_failure_at: failed.last_failure_at,
      blocked_reason: isBlocked ? 'awaiting_payment_method' : null,
      amount: failed.amount,
      currency: failed.currency,
      amount_reporting: sql<string>`(select ${failed.amount}::numeric * case when ${failed.currency} = ${reportingCurrency}
        then 1 else (select rate from fx_rates where workspace_id = ${workspaceId} and currency = ${failed.currency}
          and date <= ${today}::date order by date desc limit 1) end)`,
      mrr,
      tier,
      policy_id: policyId,
      policy: JSON.stringify(policy),
      schedule_anchor: now,
      opened_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;

  if (!isBlocked) {
    await enqueueDunningRetry(db, {
      workspaceId,
      caseId,
      attempt: 1,
      runAt: addDays(now, policy.retry_days[0] ?? 0),
    });
  } else {
    await scheduleBlockedFinal(db, { workspaceId, caseId, policy, openedAt: now, attemptsMade: 0, now });
  }
  if (policy.csm_task_first) {
    await createTask({
      db,
      workspaceId,
      accountId: failed.account_id,
      title: `Payment failed on invoice ${failed.invoice_id} (${failed.amount} ${failed.currency})`,
      description:
        `The payment of invoice ${failed.invoice_id} failed (${failed.last_failure_code ?? 'no reason given'}). ` +
        `Reach out before the first dunning email goes out in ${policy.task_days_before_email} days.`,
      dueOn: today,
      priority: 'high',
      source: 'dunning',
      idempotencyKey: `dunning:${caseId}:task`,
    });
  }
  for (const [notice, days] of policy.notify_days.entries()) {
    const delay = notice === 0 && policy.csm_task_first ? days + policy.task_days_before_email : days;
    await enqueueJob(db, {
      workspaceId,
      name: NOTIFY_JOB,
      payload: { case_id: caseId, notice },
      key: `${NOTIFY_JOB}:${caseId}:${notice}`,
      runAt: addDays(now, delay),
    });
  }
  return true;
}

/** A payment method created or changed after the failure: the customer already fixed what was declined. */
async function hasNewPaymentMethod(db: TDb, workspaceId: string, failed: TFailedInvoice): Promise<boolean> {
  const row = await db
    .selectFrom('payment_methods')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', failed.account_id)
    .where('updated_at', '>', failed.last_failure_at)
    .executeTakeFirst();
  return row !== undefined;
}
