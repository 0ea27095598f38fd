import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { DELIVER_JOB, MAX_DELIVERY_ATTEMPTS } from './delivery-policy.ts';

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
  /** The event's `created_at` (default: now). */
  now?: Date;
};

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);

/**
 * Records one delivery per endpoint and enqueues them, both with `db`: pass the transaction of the change
 * that caused the event and a rollback takes the deliveries with it. The event id and delivery ids derive
 * from the idempotency key, so a repeated call finds the same rows and enqueues nothing new. An endpointId
 * that is not an enabled endpoint of this workspace is `not_found`.
 */
export async function queueWebhookEvent(input: TQueueWebhookEvent): Promise<{ deliveryIds: string[] }> {
  const { db, workspaceId, eventType, idempotencyKey, endpointId } = input;
  let query = db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('is_enabled', '=', true);
  query = endpointId
    ? query.where('id', '=', endpointId)
    : query.where(sql<boolean>`(cardinality(event_types) = 0 or ${eventType} = any(event_types))`);
  const endpoints = await query.orderBy('id').execute();
  if (endpointId && endpoints.length === 0) {
    throw new AppError('not_found', `no enabled webhook "${endpointId}" in this workspace`);
  }
  if (endpoints.length === 0) return { deliveryIds: [] };
  const createdAt = input.now ?? new Date();
  const body = {
    id: `evt_${hash(workspaceId, eventType, idempotencyKey)}`,
    type: eventType,
    created_at: createdAt.toISOString(),
    workspace_id: workspaceId,
    data: input.payload,
  };
  const rows = endpoints.map((endpoint) => ({
    workspace_id: workspaceId,
    id: `whd_${hash(workspaceId, endpoint.id, idempotencyKey)}`,
    endpoint_id: endpoint.id,
    event_type: eventType,
    idempotency_key: idempotencyKey,
    payload: JSON.stringify(body),
    created_at: createdAt,
  }));
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'endpoint_id', 'idempotency_key']).doNothing())
    .returning('id')
    .execute();
  for (const { id } of inserted) {
    await enqueueJob(db, {
      workspaceId,
      name: DELIVER_JOB,
      payload: { deliveryId: id },
      key: `${DELIVER_JOB}:${id}`,
      runAt: createdAt,
      maxAttempts: MAX_DELIVERY_ATTEMPTS,
    });
  }
  return { deliveryIds: rows.map((r) => r.id) };
}
