import { performance } from 'node:perf_hooks';
import type { TDb } from '../../db/connect.ts';
import { DELIVERY_TIMEOUT_MS, MAX_DELIVERY_ATTEMPTS } from './delivery-policy.ts';
import { signWebhookPayload } from './sign-webhook-payload.ts';

export type TDeliveryOutcome = 'delivered' | 'skipped';

/** A failed attempt: thrown so that the job queue retries it with backoff. */
export class WebhookAttemptError extends Error {
  readonly statusCode: number | null;
  constructor(message: string, statusCode: number | null) {
    super(message);
    this.name = 'WebhookAttemptError';
    this.statusCode = statusCode;
  }
}

/**
 * Sends one delivery once: a signed POST of its stored body to the endpoint's current URL, logged as an
 * attempt. A 2xx marks it delivered; anything else (status, timeout, refused connection) throws after
 * logging, and the attempt numbered `maxAttempts` also marks the delivery dead. A delivery already
 * delivered or dead, or whose endpoint was deleted, is skipped, so a job run twice sends once.
 */
export async function deliverWebhook({
  db,
  workspaceId,
  deliveryId,
  attempt,
  now,
  maxAttempts = MAX_DELIVERY_ATTEMPTS,
}: {
  db: TDb;
  workspaceId: string;
  deliveryId: string;
  /** 1 on the first try. */
  attempt: number;
  now: Date;
  maxAttempts?: number;
}): Promise<TDeliveryOutcome> {
  const delivery = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', (join) =>
      join.onRef('e.workspace_id', '=', 'd.workspace_id').onRef('e.id', '=', 'd.endpoint_id'),
    )
    .select(['d.id', 'd.event_type', 'd.payload', 'd.status', 'e.url', 'e.secret'])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (delivery?.status !== 'pending') return 'skipped';
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tenure-Webhooks/1',
        'tenure-signature': signWebhookPayload({
          secret: delivery.secret,
          body,
          timestamp: Math.floor(now.getTime() / 1000),
        }),
        'tenure-event': delivery.event_type,
        'tenure-delivery': delivery.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    statusCode = response.status;
    // The body is not used, but reading it lets the connection be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
  } catch (cause) {
    error = describeFailure(cause);
  }
  const durationMs = Math.round(performance.now() - started);
  const isDelivered = error === null;
  await db
    .insertInto('webhook_delivery_attempts')
    .values({
      workspace_id: workspaceId,
      delivery_id: deliveryId,
      attempt,
      attempted_at: now,
      status_code: statusCode,
      error,
      duration_ms: durationMs,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'delivery_id', 'attempt']).doNothing())
    .execute();
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: isDelivered ? 'delivered' : attempt >= maxAttempts ? 'dead' : 'pending',
      attempts: attempt,
      last_status_code: statusCode,
      last_error: error,
      delivered_at: isDelivered ? now : null,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', deliveryId)
    .execute();
  if (!isDelivered) throw new WebhookAttemptError(`webhook delivery ${deliveryId}: ${error}`, statusCode);
  return 'delivered';
}

function describeFailure(cause: unknown): string {
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
    return `no response within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  return inner instanceof Error ? inner.message : String(inner);
}
