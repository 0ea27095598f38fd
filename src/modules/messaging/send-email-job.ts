import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import { findSideEffectStatus } from '../../jobs/find-side-effect-status.ts';
import { SEND_EMAIL_JOB } from './queue-email.ts';
import { emailSideEffectKey, sendEmailMessage } from './send-email-message.ts';

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
  // The last attempt's worker died before finishing: a message still queued would never be sent. If that
  // attempt had started the SMTP send, nobody knows whether it went out: uncertain, as the send says.
  onDead: async ({ messageId }, context) => {
    const effect = await findSideEffectStatus({
      db: context.db,
      workspaceId: context.workspaceId,
      key: emailSideEffectKey(messageId),
    });
    await context.db
      .updateTable('email_messages')
      .set({ status: effect === undefined ? 'failed' : 'uncertain', error: context.error })
      .where('workspace_id', '=', context.workspaceId)
      .where('id', '=', messageId)
      .where('status', '=', 'queued')
      .execute();
  },
});
