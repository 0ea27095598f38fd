import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TLocale } from './builtin-templates.ts';
import { findRecipient, type TRecipient } from './find-recipient.ts';
import { findSendTime } from './find-send-time.ts';
import { getEmailSettings } from './get-email-settings.ts';
import { isEmailSuppressed } from './is-email-suppressed.ts';
import { renderEmail } from './render-email.ts';
import { resolveTemplate } from './resolve-template.ts';

export type TEmailRecipient = { contactId: string } | { accountId: string; isBillingContact?: boolean };

export type TQueueEmail = {
  db: Kysely<Database>;
  workspaceId: string;
  /** Same key, same email: a second call is a no-op returning the first message. */
  idempotencyKey: string;
  recipient: TEmailRecipient;
  templateId: string;
  /** Interpolated into the template (HTML-escaped in the HTML part). */
  variables?: Record<string, string | number | null>;
  now?: Date;
  /** Who asked for it, for the message log (e.g. `playbook:pb_1`, `dunning:case_1`). */
  source?: string;
};

export type TQueuedEmail = {
  messageId: string | null;
  status: 'queued' | 'suppressed' | 'no_recipient' | 'duplicate';
  sendAt: Date | null;
};

export const SEND_EMAIL_JOB = 'messaging.send';

/**
 * Records an email and enqueues its send for the workspace's next sending window (job `messaging.send`,
 * key `messaging.send:<messageId>`), both in one transaction — the caller's, when `db` is one. A
 * suppressed address gets a message row with status `suppressed` and no job. Throws `not_found` for an
 * unknown template.
 */
export async function queueEmail(input: TQueueEmail): Promise<TQueuedEmail> {
  return input.db.isTransaction
    ? queueInTransaction(input.db, input)
    : input.db.transaction().execute((trx) => queueInTransaction(trx, input));
}

async function queueInTransaction(db: Kysely<Database>, input: TQueueEmail): Promise<TQueuedEmail> {
  const { workspaceId, idempotencyKey } = input;
  const now = input.now ?? new Date();
  const existing = await findByKey(db, workspaceId, idempotencyKey);
  if (existing) return { messageId: existing.id, status: 'duplicate', sendAt: existing.send_at };
  const recipient = await findRecipient({ db, workspaceId, recipient: input.recipient });
  if (!recipient) return { messageId: null, status: 'no_recipient', sendAt: null };
  const settings = await getEmailSettings({ db, workspaceId });
  const messageId = `msg_${randomBytes(12).toString('hex')}`;
  const wanted = localeOf(recipient.attributes) ?? settings.default_locale;
  const { content, locale } = await resolveTemplate({
    db,
    workspaceId,
    templateId: input.templateId,
    locale: wanted,
  });
  const rendered = renderEmail({
    template: content,
    variables: {
      ...input.variables,
      account_name: input.variables?.account_name ?? recipient.accountName,
      contact_name: input.variables?.contact_name ?? displayName(recipient),
    },
    locale,
    publicUrl: settings.public_url,
    trackingSecret: settings.tracking_secret,
    workspaceId,
    messageId,
  });
  const isSuppressed = await isEmailSuppressed({ db, workspaceId, email: recipient.email });
  const { timezone } = await getWorkspace({ db, workspaceId });
  const sendAt = isSuppressed
    ? null
    : await findSendTime({
        db,
        now,
        timezone,
        window:
          settings.window_start && settings.window_end
            ? { start: settings.window_start, end: settings.window_end, days: settings.window_days }
            : null,
      });
  const inserted = await db
    .insertInto('email_messages')
    .values({
      workspace_id: workspaceId,
      id: messageId,
      idempotency_key: idempotencyKey,
      account_id: recipient.accountId,
      contact_id: recipient.contactId,
      to_email: recipient.email,
      template_id: input.templateId,
      locale,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      status: isSuppressed ? 'suppressed' : 'queued',
      send_at: sendAt,
      source: input.source ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // A concurrent call with the same key won the insert.
    const winner = (await findByKey(db, workspaceId, idempotencyKey))!;
    return { messageId: winner.id, status: 'duplicate', sendAt: winner.send_at };
  }
  if (isSuppressed) return { messageId, status: 'suppressed', sendAt: null };
  await enqueueJob(db, {
    workspaceId,
    name: SEND_EMAIL_JOB,
    payload: { messageId },
    key: `${SEND_EMAIL_JOB}:${messageId}`,
    runAt: sendAt!,
  });
  return { messageId, status: 'queued', sendAt };
}

function findByKey(db: Kysely<Database>, workspaceId: string, key: string) {
  return db
    .selectFrom('email_messages')
    .select(['id', 'send_at'])
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The contact's language from its `locale` or `language` attribute ("es", "es-MX", "ES" all count). */
function localeOf(attributes: Record<string, unknown>): TLocale | undefined {
  for (const name of ['locale', 'language']) {
    const value = attributes[name];
    if (typeof value !== 'string') continue;
    const code = value.trim().toLowerCase().slice(0, 2);
    if (code === 'en' || code === 'es') return code;
  }
  return undefined;
}

/** "Hi Ana" reads better than "Hi " when a contact has no name: the address's local part stands in. */
function displayName(recipient: TRecipient): string {
  return recipient.name?.trim() || recipient.email.split('@')[0]!;
}
