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
});
