import type { TDb } from '../../db/connect.ts';
import { getWebhookEndpoint } from './get-webhook-endpoint.ts';

export type TWebhookAttempt = {
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
};

export type TWebhookDelivery = {
  id: string;
  endpoint_id: string;
  event_type: string;
  idempotency_key: string;
  status: 'pending' | 'delivered' | 'dead';
  attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
  payload: Record<string, unknown>;
  attempts: TWebhookAttempt[];
};

/** An endpoint's deliveries, newest first, each with every attempt logged (oldest first). */
export async function findWebhookDeliveries({
  db,
  workspaceId,
  endpointId,
  limit = 50,
}: {
  db: TDb;
  workspaceId: string;
  endpointId: string;
  limit?: number;
}): Promise<{ deliveries: TWebhookDelivery[] }> {
  await getWebhookEndpoint({ db, workspaceId, endpointId });
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  const attempts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('webhook_delivery_attempts')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where(
            'delivery_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('delivery_id')
          .orderBy('attempt')
          .execute();
  const byDelivery = new Map<string, typeof attempts>();
  for (const a of attempts) byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
  return {
    deliveries: rows.map((row) => ({
      id: row.id,
      endpoint_id: row.endpoint_id,
      event_type: row.event_type,
      idempotency_key: row.idempotency_key,
      status: row.status,
      attempt_count: row.attempts,
      last_status_code: row.last_status_code,
      last_error: row.last_error,
      delivered_at: row.delivered_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
      payload: row.payload,
      attempts: (byDelivery.get(row.id) ?? []).map((a) => ({
        attempt: a.attempt,
        attempted_at: a.attempted_at.toISOString(),
        status_code: a.status_code,
        error: a.error,
        duration_ms: a.duration_ms,
      })),
    })),
  };
}
