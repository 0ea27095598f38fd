import type { TDb } from '../../db/connect.ts';
import { queueEmail } from '../messaging/queue-email.ts';
import { buildUpdatePaymentUrl } from './build-update-payment-url.ts';
import { findExpiringCards } from './find-expiring-cards.ts';

export const PRE_DUNNING_DAYS = 30;

/**
 * The daily `dunning.pre_dunning` job: emails `card_expiring` to the billing contact of every account whose
 * default card expires within PRE_DUNNING_DAYS, once per card and expiry (`card_expiring:<pm>:<YYYY-MM>`):
 * a card renewed with a new expiry is warned about again when that one nears.
 */
export async function sendCardExpiringNotices({
  db,
  workspaceId,
  now,
}: {
  db: TDb;
  workspaceId: string;
  now: Date;
}): Promise<{ queued: number }> {
  const cards = await findExpiringCards({ db, workspaceId, now, withinDays: PRE_DUNNING_DAYS });
  let queued = 0;
  for (const card of cards) {
    const method = await db
      .selectFrom('payment_methods')
      .select('last4')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', card.paymentMethodId)
      .executeTakeFirstOrThrow();
    const expiry = `${card.expYear}-${String(card.expMonth).padStart(2, '0')}`;
    const result = await queueEmail({
      db,
      workspaceId,
      idempotencyKey: `card_expiring:${card.paymentMethodId}:${expiry}`,
      recipient: { accountId: card.accountId, isBillingContact: true },
      templateId: 'card_expiring',
      variables: {
        last4: method.last4,
        expires_on: card.expiresOn,
        update_payment_url: await buildUpdatePaymentUrl({
          db,
          workspaceId,
          accountId: card.accountId,
          invoiceId: '',
          caseId: '',
        }),
      },
      now,
      source: `dunning:pre_dunning:${card.paymentMethodId}`,
    });
    if (result.status === 'queued') queued += 1;
  }
  return { queued };
}
