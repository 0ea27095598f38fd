import type { TStore } from '../../db/connect.ts';
import { applyStripeRecords } from './apply-stripe-records.ts';
import { isMappedStripeEvent, mapStripeEvent } from './map-stripe-event.ts';
import { verifyStripeEvent } from './verify-stripe-event.ts';

export type TStripeWebhookResult = {
  event_id: string;
  type: string;
  /** processed: mapped and written; ignored: a type Tenure does not map; duplicate: seen before. */
  status: 'processed' | 'ignored' | 'duplicate';
  notes: string[];
};

/**
 * One Stripe webhook request: verify it (nothing is written before), then apply its event once. The event
 * id is recorded when received and marked processed when its records are written; an event that failed
 * half-way is not marked, so Stripe's retry applies it again (every write is an idempotent upsert), and an
 * event processed before is acknowledged without writing anything.
 */
export async function receiveStripeWebhook({
  store,
  rawBody,
  signature,
  workspaceId,
  now = new Date(),
}: {
  store: TStore;
  rawBody: string;
  signature: string | undefined;
  workspaceId?: string;
  now?: Date;
}): Promise<TStripeWebhookResult> {
  const verified = await verifyStripeEvent({ db: store.db, rawBody, signature, workspaceId, now });
  const { event } = verified;
  const db = store.db;
  await db
    .insertInto('stripe_events')
    .values({ workspace_id: verified.workspaceId, id: event.id, type: event.type, received_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
    .execute();
  const seen = await db
    .selectFrom('stripe_events')
    .select('processed_at')
    .where('workspace_id', '=', verified.workspaceId)
    .where('id', '=', event.id)
    .executeTakeFirstOrThrow();
  const base = { event_id: event.id, type: event.type };
  if (seen.processed_at) return { ...base, status: 'duplicate', notes: [] };
  let notes: string[] = [];
  if (isMappedStripeEvent(event.type)) {
    const records = mapStripeEvent(event);
    await applyStripeRecords({ store, workspaceId: verified.workspaceId, records, now });
    notes = records.notes;
  }
  await db
    .updateTable('stripe_events')
    .set({ processed_at: now })
    .where('workspace_id', '=', verified.workspaceId)
    .where('id', '=', event.id)
    .execute();
  return { ...base, status: isMappedStripeEvent(event.type) ? 'processed' : 'ignored', notes };
}
