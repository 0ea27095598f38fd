import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { DELIVER_JOB, MAX_DELIVERY_ATTEMPTS } from './delivery-policy.ts';

/** `webhooks.deliver`: one attempt per run; the queue's backoff spaces the retries. */
export const deliverWebhookJob = defineJob({
  name: DELIVER_JOB,
  schema: z.object({ deliveryId: z.string() }),
  maxAttempts: MAX_DELIVERY_ATTEMPTS,
  handler: async ({ deliveryId }, ctx) => {
    await deliverWebhook({
      db: ctx.db,
      workspaceId: ctx.workspaceId,
      deliveryId,
      attempt: ctx.attempt,
      now: ctx.now,
    });
  },
  // The last attempt's worker died before logging it: the delivery would otherwise stay pending forever.
  onDead: async ({ deliveryId }, ctx) => {
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'dead', last_error: ctx.error })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', deliveryId)
      .where('status', '=', 'pending')
      .execute();
  },
});
