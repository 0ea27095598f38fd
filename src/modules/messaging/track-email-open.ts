import type { TStore } from '../../db/connect.ts';
import { recordEmailEvent } from './record-email-event.ts';
import { verifyTrackingToken } from './verify-tracking-token.ts';

/** Records the `opened` event of the message an open-pixel token names; `not_found` for a bad token. */
export async function trackEmailOpen({ store, token, now }: { store: TStore; token: string; now: Date }) {
  const message = await verifyTrackingToken({ db: store.db, token, purpose: 'open' });
  await recordEmailEvent({
    store,
    workspaceId: message.workspaceId,
    messageId: message.messageId,
    contactId: message.contactId,
    type: 'opened',
    occurredAt: now,
  });
}
