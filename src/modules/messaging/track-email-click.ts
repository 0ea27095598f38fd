import { createHash } from 'node:crypto';
import type { TStore } from '../../db/connect.ts';
import { recordEmailEvent } from './record-email-event.ts';
import { verifyTrackingToken } from './verify-tracking-token.ts';

/**
 * Records the `clicked` event of a click-tracking token and returns the URL it was signed for (the only
 * place a redirect can go). A click also proves the email was opened, for clients that block images.
 */
export async function trackEmailClick({
  store,
  token,
  now,
}: {
  store: TStore;
  token: string;
  now: Date;
}): Promise<string> {
  const message = await verifyTrackingToken({ db: store.db, token, purpose: 'click' });
  const url = message.url!;
  const base = {
    store,
    workspaceId: message.workspaceId,
    messageId: message.messageId,
    contactId: message.contactId,
    occurredAt: now,
  };
  await recordEmailEvent({ ...base, type: 'opened' });
  const link = createHash('sha256').update(url).digest('hex').slice(0, 12);
  await recordEmailEvent({ ...base, type: 'clicked', detail: link });
  return url;
}
