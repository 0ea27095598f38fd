import type { TStore } from '../../db/connect.ts';
import { recordEmailEvent } from './record-email-event.ts';
import { suppressEmail } from './suppress-email.ts';
import { type TTrackedMessage, verifyTrackingToken } from './verify-tracking-token.ts';

/**
 * The confirmed (POST) unsubscribe of an email's link, also RFC 8058 one-click: the recipient's address is
 * suppressed for the whole workspace and an `unsubscribed` event recorded. Repeating it changes nothing.
 */
export async function unsubscribeByToken({
  store,
  token,
  now,
}: {
  store: TStore;
  token: string;
  now: Date;
}): Promise<TTrackedMessage> {
  const message = await verifyTrackingToken({ db: store.db, token, purpose: 'unsubscribe' });
  await suppressEmail({
    db: store.db,
    workspaceId: message.workspaceId,
    email: message.toEmail,
    reason: 'unsubscribed',
    now,
  });
  await recordEmailEvent({
    store,
    workspaceId: message.workspaceId,
    messageId: message.messageId,
    contactId: message.contactId,
    type: 'unsubscribed',
    occurredAt: now,
  });
  return message;
}
