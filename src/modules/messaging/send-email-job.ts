import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import { SEND_EMAIL_JOB } from './queue-email.ts';
import { sendEmailMessage } from './send-email-message.ts';

const MAX_ATTEMPTS = 5;

/** Job `messaging.send` (payload `{ messageId }`), enqueued by queueEmail for the message's send time. */
export const sendEmailJob = defineJob({
  name: SEND_EMAIL_JOB,
  schema: z.object({ messageId: z.string().min(1) }),
  maxAttempts: MAX_ATTEMPTS,
  handler: async ({ messageId }, context) => {
    await sendEmailMessage({
      store: context.store,
      workspaceId: context.workspaceId,
      messageId,
      now: context.now,
      isLastAttempt: context.attempt >= MAX_ATTEMPTS,
    });
  },
});
