import type { TDb } from '../../db/connect.ts';
import { queueEmail } from '../messaging/queue-email.ts';
import { buildUpdatePaymentUrl } from './build-update-payment-url.ts';
import { loadDunningCase } from './load-dunning-case.ts';

/**
 * The `dunning.notify` job: email notice `notice` of an open case to the account's billing contact
 * (`payment_failed`; the last notice of the policy is `payment_final_notice`). Idempotent by
 * `dunning:<case>:notice:<n>`; nothing is sent once the case is recovered or closed.
 */
export async function notifyDunningCase({
  db,
  workspaceId,
  caseId,
  notice,
  now,
}: {
  db: TDb;
  workspaceId: string;
  caseId: string;
  notice: number;
  now: Date;
}): Promise<'skipped' | 'queued'> {
  const dunningCase = await loadDunningCase({ db, workspaceId, caseId });
  if (dunningCase?.status !== 'open') return 'skipped';
  const isFinal = notice === dunningCase.policy.notify_days.length - 1 && notice > 0;
  await queueEmail({
    db,
    workspaceId,
    idempotencyKey: `dunning:${caseId}:notice:${notice}`,
    recipient: { accountId: dunningCase.account_id, isBillingContact: true },
    templateId: isFinal ? 'payment_final_notice' : 'payment_failed',
    variables: {
      amount: `${dunningCase.amount} ${dunningCase.currency}`,
      invoice_id: dunningCase.invoice_id,
      attempt: dunningCase.attempts_made,
      update_payment_url: await buildUpdatePaymentUrl({
        db,
        workspaceId,
        accountId: dunningCase.account_id,
        invoiceId: dunningCase.invoice_id,
        caseId,
      }),
    },
    now,
    source: `dunning:${caseId}`,
  });
  return 'queued';
}
