import type { TDb } from '../../db/connect.ts';
import type { EmailMessageStatus } from '../../db/schema-messaging.ts';

export type TEmailMessage = {
  id: string;
  account_id: string;
  contact_id: string;
  to_email: string;
  template_id: string;
  locale: string;
  subject: string;
  status: EmailMessageStatus;
  send_at: string | null;
  sent_at: string | null;
  error: string | null;
  source: string | null;
  created_at: string;
};

/** The message log, newest first (bodies left out: GET one message's content is not part of the API). */
export async function findEmailMessages({
  db,
  workspaceId,
  accountId,
  status,
  limit = 100,
}: {
  db: TDb;
  workspaceId: string;
  accountId?: string;
  status?: EmailMessageStatus;
  limit?: number;
}): Promise<{ messages: TEmailMessage[] }> {
  let query = db
    .selectFrom('email_messages')
    .select([
      'id',
      'account_id',
      'contact_id',
      'to_email',
      'template_id',
      'locale',
      'subject',
      'status',
      'send_at',
      'sent_at',
      'error',
      'source',
      'created_at',
    ])
    .where('workspace_id', '=', workspaceId);
  if (accountId) query = query.where('account_id', '=', accountId);
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return {
    messages: rows.map((r) => ({
      ...r,
      send_at: r.send_at?.toISOString() ?? null,
      sent_at: r.sent_at?.toISOString() ?? null,
      created_at: r.created_at.toISOString(),
    })),
  };
}
