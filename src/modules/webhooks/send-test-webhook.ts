import { randomUUID } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';
import { queueWebhookEvent } from './queue-webhook-event.ts';

/** Queues a `ping` event to one endpoint, whatever types it subscribes to, to check the receiver. */
export async function sendTestWebhook({
  db,
  workspaceId,
  endpointId,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  endpointId: string;
  now?: Date;
}): Promise<{ delivery_id: string; event_type: 'ping' }> {
  const { deliveryIds } = await queueWebhookEvent({
    db,
    workspaceId,
    eventType: 'ping',
    payload: { message: 'Test event from Tenure: if your receiver verified this, it is ready.' },
    // A fresh key: every test is a new event.
    idempotencyKey: `ping:${randomUUID()}`,
    endpointId,
    now,
  });
  return { delivery_id: deliveryIds[0]!, event_type: 'ping' };
}
