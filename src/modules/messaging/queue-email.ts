import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

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

/** Records an email and enqueues its send for the workspace's next sending window. Contract stub (issue 4). */
export async function queueEmail(_input: TQueueEmail): Promise<TQueuedEmail> {
  throw new Error('queueEmail: not implemented yet');
}
