import type { Updateable } from 'kysely';
import type { TStore } from '../../db/connect.ts';
import type { EmailMessagesTable } from '../../db/schema-messaging.ts';
import { performSideEffectOnce } from '../../jobs/perform-side-effect-once.ts';
import { createSmtpTransport, EMAIL_NOT_CONFIGURED } from './create-smtp-transport.ts';
import { getEmailSettings } from './get-email-settings.ts';
import { isEmailSuppressed } from './is-email-suppressed.ts';
import { recordEmailEvent } from './record-email-event.ts';
import { signTrackingToken } from './tracking-token.ts';

export type TSendOutcome = 'sent' | 'suppressed' | 'uncertain' | 'skipped' | 'unconfigured';

/** The idempotency key of one message's SMTP send. */
export const emailSideEffectKey = (messageId: string) => `email:${messageId}`;

/**
 * Sends one queued message (the work of job `messaging.send`). The address is checked again at send time:
 * an unsubscribe between queueing and sending wins. The SMTP call runs inside performSideEffectOnce (key
 * `email:<messageId>`): a second run after success sends nothing, and a run after a crash mid-send marks
 * the message `uncertain` rather than risk a duplicate. A failed send records its error and throws, so the
 * job is retried; on the last attempt the message becomes `failed`. A workspace without SMTP settings gets
 * its message `failed` at once with the reason: retrying cannot help until an admin configures email, and a
 * demo or a data-only install should not fill the dead-letter list.
 */
export async function sendEmailMessage({
  store,
  workspaceId,
  messageId,
  now,
  isLastAttempt = false,
}: {
  store: TStore;
  workspaceId: string;
  messageId: string;
  now: Date;
  isLastAttempt?: boolean;
}): Promise<TSendOutcome> {
  const { db } = store;
  const message = await db
    .selectFrom('email_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message || (message.status !== 'queued' && message.status !== 'failed')) return 'skipped';
  const update = (values: Updateable<EmailMessagesTable>) =>
    db
      .updateTable('email_messages')
      .set(values)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', messageId)
      .execute();
  if (await isEmailSuppressed({ db, workspaceId, email: message.to_email })) {
    await update({ status: 'suppressed' });
    return 'suppressed';
  }
  const settings = await getEmailSettings({ db, workspaceId });
  if (!settings.smtp_host || !settings.from_address) {
    await update({ status: 'failed', error: EMAIL_NOT_CONFIGURED });
    return 'unconfigured';
  }
  try {
    const { transport, from } = createSmtpTransport(settings);
    const unsubscribeToken = signTrackingToken(settings.tracking_secret, {
      workspaceId,
      messageId,
      purpose: 'unsubscribe',
    });
    const domain = (settings.from_address ?? 'localhost').split('@')[1] ?? 'localhost';
    const outcome = await performSideEffectOnce({
      db,
      workspaceId,
      key: emailSideEffectKey(messageId),
      kind: 'email',
      now,
      perform: async () => {
        const info = await transport.sendMail({
          from,
          to: message.to_email,
          replyTo: settings.reply_to ?? undefined,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId: `<${messageId}@${domain}>`,
          headers: {
            'List-Unsubscribe': `<${settings.public_url.replace(/\/+$/, '')}/e/u/${unsubscribeToken}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        });
        transport.close();
        return { response: String(info.response ?? '') };
      },
    });
    if (outcome.status === 'uncertain') {
      await update({
        status: 'uncertain',
        error: 'a previous send was interrupted: it may or may not have gone out',
      });
      return 'uncertain';
    }
    const result = outcome.result as { response?: string } | undefined;
    await update({ status: 'sent', sent_at: now, smtp_response: result?.response ?? null, error: null });
    await recordEmailEvent({
      store,
      workspaceId,
      messageId,
      contactId: message.contact_id,
      type: 'delivered',
      occurredAt: now,
    });
    return 'sent';
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await update({ error: text, ...(isLastAttempt ? { status: 'failed' as const } : {}) });
    throw error;
  }
}
