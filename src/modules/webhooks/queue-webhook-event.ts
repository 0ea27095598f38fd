import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type TQueueWebhookEvent = {
  db: Kysely<Database>;
  workspaceId: string;
  /** e.g. `playbook.webhook`, `dunning.final_action`, `task.created`. */
  eventType: string;
  payload: Record<string, unknown>;
  /** Same key, same deliveries: a second call is a no-op. */
  idempotencyKey: string;
  /** Deliver to this endpoint only (default: every enabled endpoint subscribed to `eventType`). */
  endpointId?: string;
};

/** Records one delivery per endpoint and enqueues them. Contract stub (issue 4). */
export async function queueWebhookEvent(_input: TQueueWebhookEvent): Promise<{ deliveryIds: string[] }> {
  throw new Error('queueWebhookEvent: not implemented yet');
}
